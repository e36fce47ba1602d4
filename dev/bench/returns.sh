#!/usr/bin/env bash
# How long a return takes to take full effect in goods-svc and member-svc (p50 / p99), one at a time and eight at
# once, in one run. Needs the suite up (./santong up). RETURNS sets the returns per pass (100: 200 in all).
set -euo pipefail
cd "$(dirname "$0")/../.."
SANTONG_ROOT=$(pwd); source dev/scripts/common.sh
jar() { find "$HOME/.m2/repository/$1" -name "$2-[0-9]*.jar" ! -name '*-sources.jar' | sort -V | tail -1; }
CP="$(jar tools/jackson/core/jackson-databind jackson-databind):$(jar tools/jackson/core/jackson-core jackson-core):$(jar com/fasterxml/jackson/core/jackson-annotations jackson-annotations)"
"$JAVA_HOME/bin/java" -cp "$CP" dev/bench/ReturnsBench.java
