package dev.fairbill.platform.axon.naming;

import org.axonframework.serialization.Converter;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;

/**
 * A serializer that stores a type under its stable name ({@link StoredAs}) and reads it back from that name, from a
 * former class name, or from the class name it was stored under; everything else is its delegate's.
 */
public final class StoredTypeSerializer implements Serializer {

    private final Serializer delegate;
    private final StoredTypes types;

    public StoredTypeSerializer(Serializer delegate, StoredTypes types) {
        this.delegate = delegate;
        this.types = types;
    }

    /** The serializer this one names types for. */
    public Serializer delegate() {
        return delegate;
    }

    @Override
    public <T> SerializedObject<T> serialize(Object object, Class<T> expectedRepresentation) {
        SerializedObject<T> serialized = delegate.serialize(object, expectedRepresentation);
        if (object == null) {
            return serialized;
        }
        return types.nameOf(object.getClass())
                .<SerializedObject<T>>map(name -> new SimpleSerializedObject<>(serialized.getData(),
                        serialized.getContentType(), name, serialized.getType().getRevision()))
                .orElse(serialized);
    }

    @Override
    public <T> boolean canSerializeTo(Class<T> expectedRepresentation) {
        return delegate.canSerializeTo(expectedRepresentation);
    }

    @Override
    public <S, T> T deserialize(SerializedObject<S> serializedObject) {
        SerializedType type = serializedObject.getType();
        String className = types.classNameFor(type.getName());
        if (className.equals(type.getName())) {
            return delegate.deserialize(serializedObject);
        }
        return delegate.deserialize(new SimpleSerializedObject<>(serializedObject.getData(),
                serializedObject.getContentType(), new SimpleSerializedType(className, type.getRevision())));
    }

    @Override
    public Class classForType(SerializedType type) {
        String className = types.classNameFor(type.getName());
        return delegate.classForType(className.equals(type.getName()) ? type
                : new SimpleSerializedType(className, type.getRevision()));
    }

    @Override
    public SerializedType typeForClass(Class type) {
        SerializedType byClass = delegate.typeForClass(type);
        return type == null ? byClass : types.nameOf(type)
                .<SerializedType>map(name -> new SimpleSerializedType(name, byClass.getRevision()))
                .orElse(byClass);
    }

    @Override
    public Converter getConverter() {
        return delegate.getConverter();
    }
}
