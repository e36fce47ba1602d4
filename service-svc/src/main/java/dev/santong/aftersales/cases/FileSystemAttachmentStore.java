package dev.santong.aftersales.cases;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** Attachments as files under one directory ({@code santong.aftersales.attachments.directory}); keys never leave it. */
@Component
class FileSystemAttachmentStore implements AttachmentStore {

    private final Path root;

    FileSystemAttachmentStore(@Value("${santong.aftersales.attachments.directory:${java.io.tmpdir}/santong-attachments}") Path root) {
        try {
            this.root = Files.createDirectories(root).toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot use the attachments directory", e);
        }
    }

    @Override
    public void write(String key, InputStream bytes) throws IOException {
        Path file = resolve(key);
        Files.createDirectories(file.getParent());
        // Written aside, then moved: a reader never sees half a file.
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        try {
            Files.copy(bytes, partial, StandardCopyOption.REPLACE_EXISTING);
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            // A body cut off (too large, the client gone) leaves nothing behind.
            Files.deleteIfExists(partial);
        }
    }

    @Override
    public InputStream read(String key) throws IOException {
        return Files.newInputStream(resolve(key));
    }

    @Override
    public void delete(String key) throws IOException {
        Files.deleteIfExists(resolve(key));
    }

    private Path resolve(String key) {
        Path file = root.resolve(key).normalize();
        if (!file.startsWith(root) || file.equals(root)) {
            throw new IllegalArgumentException("attachment key outside the store");
        }
        return file;
    }
}
