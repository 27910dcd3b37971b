package io.aihub.topology.models.internal;

import io.aihub.topology.models.CorruptArtifactException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InvalidClassException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.Serializable;
import java.io.UncheckedIOException;
import org.jspecify.annotations.Nullable;

/**
 * Java serialisation of third-party model objects, read back only through an {@link AllowList}: a class name is
 * checked before the class is even loaded ({@link ObjectInputStream#resolveClass} is overridden), and again, with the
 * graph limits, by an {@link ObjectInputFilter}; proxies are refused. A refused class is never instantiated. The root
 * object must be exactly the expected class.
 */
public final class JavaPayloads {

    private JavaPayloads() {}

    public static byte[] serialize(Serializable object) {
        var bytes = new ByteArrayOutputStream();
        try (var out = new ObjectOutputStream(bytes)) {
            out.writeObject(object);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot serialise " + object.getClass().getName(), e);
        }
        return bytes.toByteArray();
    }

    /**
     * Deserialises one object of exactly {@code type}.
     *
     * @throws CorruptArtifactException if the bytes hold a class outside the allow-list (named in the message),
     *     break a graph limit, do not decode, or hold another type than {@code type}
     */
    public static <T> T deserialize(byte[] blob, AllowList allowList, Class<T> type, String what) {
        Object object;
        try (var in = new FilteredInputStream(new ByteArrayInputStream(blob), allowList, blob.length)) {
            try {
                object = in.readObject();
            } catch (IOException | ClassNotFoundException | RuntimeException e) {
                String refused = in.refusal;
                throw new CorruptArtifactException(
                        refused != null
                                ? what + " refused: " + refused
                                : what + " does not deserialise: "
                                        + e.getClass().getSimpleName() + ": " + e.getMessage(),
                        e);
            }
        } catch (IOException e) {
            throw new CorruptArtifactException(what + " is not a Java serialisation stream", e);
        }
        if (object.getClass() != type) {
            throw new CorruptArtifactException(
                    what + " holds a " + object.getClass().getName() + ", expected exactly " + type.getName());
        }
        return type.cast(object);
    }

    private static final class FilteredInputStream extends ObjectInputStream {

        private final AllowList allowList;
        private final long maxBytes;
        private @Nullable String refusal;

        FilteredInputStream(InputStream in, AllowList allowList, long maxBytes) throws IOException {
            super(in);
            this.allowList = allowList;
            this.maxBytes = maxBytes;
            setObjectInputFilter(this::check);
        }

        @Override
        protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
            String name = desc.getName();
            if (!allowList.permits(name)) {
                throw refuse(name, "class " + name + " is not on the " + allowList.name() + " allow-list");
            }
            return super.resolveClass(desc);
        }

        @Override
        protected Class<?> resolveProxyClass(String[] interfaces) throws IOException {
            throw refuse("proxy", "proxy classes are not allowed (interfaces " + String.join(", ", interfaces) + ")");
        }

        private ObjectInputFilter.Status check(ObjectInputFilter.FilterInfo info) {
            if (info.depth() > allowList.maxDepth()) {
                return reject("object graph deeper than " + allowList.maxDepth());
            }
            if (info.references() > allowList.maxReferences()) {
                return reject("more than " + allowList.maxReferences() + " objects");
            }
            if (info.arrayLength() > allowList.maxArrayLength()) {
                return reject("an array of " + info.arrayLength() + " elements, over " + allowList.maxArrayLength());
            }
            if (info.streamBytes() > maxBytes) {
                return reject("read past the " + maxBytes + " bytes of the payload");
            }
            Class<?> type = info.serialClass();
            if (type != null && !allowList.permits(type.getName())) {
                return reject("class " + type.getName() + " is not on the " + allowList.name() + " allow-list");
            }
            return ObjectInputFilter.Status.ALLOWED;
        }

        private ObjectInputFilter.Status reject(String why) {
            if (refusal == null) {
                refusal = why;
            }
            return ObjectInputFilter.Status.REJECTED;
        }

        private InvalidClassException refuse(String name, String why) {
            reject(why);
            return new InvalidClassException(name, why);
        }
    }
}
