package io.liqopt.core;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;

/** For tests of what travels to a worker: a value through Java serialisation and back. */
public final class JavaSerialisation {
  private JavaSerialisation() {}

  /**
   * {@code value} serialised and read back.
   *
   * @throws AssertionError if it is not serialisable
   */
  @SuppressWarnings("unchecked")
  public static <T> T roundTrip(T value) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(value);
    } catch (IOException e) {
      throw new AssertionError("not serialisable: " + value.getClass(), e);
    }
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      return (T) in.readObject();
    } catch (IOException | ClassNotFoundException e) {
      throw new AssertionError(e);
    }
  }
}
