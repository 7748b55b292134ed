package org.ssewatch.web.access;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;

/**
 * What tells one version of a file from the next without reading it: its modification time, size
 * and inode (file key), so that an edit in place and a replacement by rename are both noticed.
 * A file that is gone has the stamp {@link #ABSENT}.
 */
record FileStamp(FileTime modified, long size, Object key) {
    static final FileStamp ABSENT = new FileStamp(FileTime.fromMillis(0), -1, null);

    static FileStamp of(Path file) {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            return new FileStamp(a.lastModifiedTime(), a.size(), a.fileKey());
        } catch (IOException e) {
            return ABSENT;
        }
    }
}
