# The OCI images: one per deployable, built with podman (Debian's) on a Java runtime image made here, as no image
# registry is reachable. See dev/images/ and the README's Images.

IMAGES_DIR="$SANTONG_LOCAL/images"
IMAGE_REGISTRY=${SANTONG_IMAGE_REGISTRY:-ghcr.io/santong}
# The chart's appVersion is the images' tag, so a chart installed beside these images finds them.
IMAGE_TAG=${SANTONG_IMAGE_TAG:-$(awk -F'"' '/^appVersion:/ {print $2}' "$SANTONG_ROOT/helm/santong/Chart.yaml")}
RUNTIME_IMAGE=localhost/santong/runtime
# The JDK modules the services use, among them some only loaded by name: java.compiler (Spring Data's AOT hints),
# java.instrument (agents), jdk.naming.dns (Netty's resolver), jdk.localedata (the console's Chinese). A module missing
# here fails the image's training run, or shows as a container that does not get ready in the image test tier.
RUNTIME_MODULES=java.base,java.compiler,java.desktop,java.instrument,java.logging,java.management,java.naming,java.net.http,java.sql,java.xml,java.security.jgss,jdk.unsupported,jdk.management,jdk.naming.dns,jdk.localedata,jdk.charsets,jdk.crypto.ec,jdk.net,jdk.zipfs

# crun fails on these machines on rlimits and hybrid cgroups; runc with cgroupfs works, and the JVM needs the limits.
PODMAN=(podman --runtime runc --cgroup-manager cgroupfs)
PODMAN_LIMITS=(--ulimit nofile=20000:20000 --ulimit nproc=4096:4096)

ensure_podman() {
  local missing=()
  command -v podman >/dev/null || missing+=(podman)
  command -v runc >/dev/null || missing+=(runc)
  [ ${#missing[@]} -eq 0 ] && return 0
  install_packages "${missing[@]}"
}

runtime_version() { "$JAVA_HOME/bin/java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.runtime.version/ {print $2}' | tr '+' '_'; }

# The base: a jlinked runtime plus the C libraries it links against, in an image with nothing else (no shell, no
# package manager). The X11 and sound libraries that only AWT's desktop and sound parts load are left out: Boot runs
# headless.
build_runtime_image() {
  local tag="$RUNTIME_IMAGE:$(runtime_version)" context="$IMAGES_DIR/runtime" log="$SANTONG_LOGS/images-runtime.log"
  if "${PODMAN[@]}" image exists "$tag"; then info "runtime $tag already built"; echo "$tag" >"$IMAGES_DIR/runtime.tag"; return 0; fi
  step "building the Java runtime image $tag (jlink)"
  rm -rf "$context" && mkdir -p "$context/rootfs/opt" "$context/rootfs/etc" "$context/rootfs/tmp"
  chmod 1777 "$context/rootfs/tmp"
  "$JAVA_HOME/bin/jlink" --add-modules "$RUNTIME_MODULES" --include-locales=en,zh --strip-debug --no-header-files \
    --no-man-pages --compress=zip-6 --generate-cds-archive --output "$context/rootfs/opt/java" >"$log" 2>&1 \
    || fail "jlink" "$log"
  local lib
  # ldd prints "name => path (address)" or "path (address)": the paths are what the loader opens.
  while read -r lib; do
    mkdir -p "$context/rootfs$(dirname "$lib")"
    cp -L "$lib" "$context/rootfs$lib"
  done < <(find "$context/rootfs/opt/java" -type f \( -name '*.so' -o -path '*/bin/*' \) -exec ldd {} + 2>/dev/null \
             | grep -o '/[^ ]*\.so[.0-9]*' | grep -v "^$context" | grep -vE '/lib(X|xcb|asound|bsd|md)[^/]*$' | sort -u)
  # glibc opens libgcc_s when a thread is cancelled; the JVM itself never links it.
  lib=$(ldconfig -p | awk '/libgcc_s.so.1 .*x86-64/ {print $NF; exit}')
  [ -n "$lib" ] && mkdir -p "$context/rootfs$(dirname "$lib")" && cp -L "$lib" "$context/rootfs$lib"
  # Debian's C.UTF-8 locale: without it the JVM writes its logs and reads file names as ASCII.
  mkdir -p "$context/rootfs/usr/lib/locale" && cp -a /usr/lib/locale/C.utf8 "$context/rootfs/usr/lib/locale/"
  echo 'santong:x:10001:10001:santong:/tmp:/sbin/nologin' >"$context/rootfs/etc/passwd"
  echo 'santong:x:10001:' >"$context/rootfs/etc/group"
  cp "$SANTONG_ROOT/dev/images/runtime.Containerfile" "$context/Containerfile"
  "${PODMAN[@]}" build "${PODMAN_LIMITS[@]}" -t "$tag" "$context" >>"$log" 2>&1 || fail "podman build $tag" "$log"
  "${PODMAN[@]}" run --rm "${PODMAN_LIMITS[@]}" --read-only "$tag" java -XshowSettings:properties -version >>"$log" 2>&1 \
    || fail "the runtime image does not run java" "$log"
  grep -q 'stdout.encoding = UTF-8' "$log" || fail "the runtime image's JVM does not write UTF-8" "$log"
  echo "$tag" >"$IMAGES_DIR/runtime.tag"
}

# images_build: the runtime, then every deployable's image (trained against the local stack, which it starts).
images_build() {
  local started=$SECONDS
  ensure_podman
  mkdir -p "$IMAGES_DIR"
  infra_up
  suite_build
  build_runtime_image
  local runtime entry name
  runtime=$(cat "$IMAGES_DIR/runtime.tag")
  for entry in "${SERVICES[@]}"; do
    read -r name _ <<<"$entry"
    local tag="$IMAGE_REGISTRY/$name:$IMAGE_TAG" log="$SANTONG_LOGS/images-$name.log" t0=$SECONDS
    step "building $tag"
    # Host network: the training run reaches the local stack on loopback like the service itself.
    "${PODMAN[@]}" build "${PODMAN_LIMITS[@]}" --network host -f "$SANTONG_ROOT/dev/images/service.Containerfile" \
      --build-arg RUNTIME="$runtime" --build-arg SERVICE="$name" -t "$tag" "$SANTONG_ROOT" >"$log" 2>&1 \
      || fail "podman build $tag" "$log"
    info "built in $((SECONDS - t0)) s"
  done
  # Earlier builds of these tags and their stages' layers: untagged now, and 250 MB each.
  "${PODMAN[@]}" image prune -f >/dev/null
  step "images built ($((SECONDS - started)) s)"
  images_list
}

images_list() {
  "${PODMAN[@]}" images --format '{{.Repository}}:{{.Tag}}  {{.Size}}' \
    | grep -E "^($RUNTIME_IMAGE|$IMAGE_REGISTRY/)" | sed 's/^/    /'
}
