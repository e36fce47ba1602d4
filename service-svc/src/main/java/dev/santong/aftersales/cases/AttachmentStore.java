package dev.santong.aftersales.cases;

import java.io.IOException;
import java.io.InputStream;

/**
 * Where the bytes of a case's attachments live, by key: a directory by default ({@link FileSystemAttachmentStore}),
 * an object store in a deployment that provides one as a {@code @Primary} bean of this type.
 */
interface AttachmentStore {

    void write(String key, InputStream bytes) throws IOException;

    InputStream read(String key) throws IOException;

    void delete(String key) throws IOException;
}
