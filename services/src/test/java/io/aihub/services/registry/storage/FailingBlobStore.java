package io.aihub.services.registry.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.domain.Blob;
import org.jclouds.blobstore.options.GetOptions;
import org.jclouds.blobstore.options.PutOptions;
import org.jclouds.blobstore.util.ForwardingBlobStore;
import org.jspecify.annotations.Nullable;

/**
 * The blobstore behind an {@code EmbeddedS3} with test hooks: it can be armed to fail every {@code putBlob} of a key
 * ending with a given suffix, or every delete (the S3 server then answers 500, as with a failing disk), and it
 * counts the {@code getBlob} calls (object downloads) per key.
 */
public final class FailingBlobStore extends ForwardingBlobStore {

    private final AtomicReference<@Nullable String> failingSuffix = new AtomicReference<>();
    private final AtomicBoolean failDeletes = new AtomicBoolean();
    private final Map<String, AtomicInteger> downloads = new ConcurrentHashMap<>();

    public FailingBlobStore(BlobStore delegate) {
        super(delegate);
    }

    /** Fails every later upload of a key ending with {@code suffix}, until {@link #disarm()}. */
    public void failUploadsEndingWith(String suffix) {
        failingSuffix.set(suffix);
    }

    /** Fails every later delete, until {@link #disarm()}. */
    public void failDeletes() {
        failDeletes.set(true);
    }

    public void disarm() {
        failingSuffix.set(null);
        failDeletes.set(false);
    }

    /** How often the object {@code key} was downloaded. */
    public int downloads(String key) {
        var count = downloads.get(key);
        return count == null ? 0 : count.get();
    }

    @Override
    public String putBlob(String container, Blob blob) {
        failIfArmed(blob);
        return super.putBlob(container, blob);
    }

    @Override
    public String putBlob(String container, Blob blob, PutOptions options) {
        failIfArmed(blob);
        return super.putBlob(container, blob, options);
    }

    @Override
    public @Nullable Blob getBlob(String container, String key) {
        countDownload(key);
        return super.getBlob(container, key);
    }

    @Override
    public @Nullable Blob getBlob(String container, String key, GetOptions options) {
        countDownload(key);
        return super.getBlob(container, key, options);
    }

    @Override
    public void removeBlob(String container, String key) {
        failDeleteIfArmed(key);
        super.removeBlob(container, key);
    }

    @Override
    public void removeBlobs(String container, Iterable<String> keys) {
        failDeleteIfArmed(String.join(", ", keys));
        super.removeBlobs(container, keys);
    }

    private void failDeleteIfArmed(String keys) {
        if (failDeletes.get()) {
            throw new UncheckedIOException(new IOException("injected storage failure deleting " + keys));
        }
    }

    private void failIfArmed(Blob blob) {
        String suffix = failingSuffix.get();
        String key = blob.getMetadata().getName();
        if (suffix != null && key.endsWith(suffix)) {
            // a backend failure S3Proxy does not classify: it answers 500, as a failing disk or network would
            throw new UncheckedIOException(new IOException("injected storage failure for " + key));
        }
    }

    private void countDownload(String key) {
        downloads.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
    }
}
