package dev.porthoster.js;

import dev.porthoster.js.spi.HostOperation;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * A Java operation as script gets it: a function named {@code name} of {@code arity} parameters.
 *
 * @param bytesArgument the parameter that carries a {@code Uint8Array}, if one does: an engine may pass it by a
 *                      cheaper route than reading the object's members (GraalJS spreads it into buffer, offset and
 *                      length in script)
 */
public record HostFunction(String name, int arity, OptionalInt bytesArgument, HostOperation operation) {

    public HostFunction {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(bytesArgument, "bytesArgument");
        Objects.requireNonNull(operation, "operation");
        if (bytesArgument.isPresent() && (bytesArgument.getAsInt() < 0 || bytesArgument.getAsInt() >= arity)) {
            throw new IllegalArgumentException(name + ": bytes argument " + bytesArgument.getAsInt()
                    + " is not one of its " + arity + " parameters");
        }
    }

    /** A function without a bytes parameter. */
    public static HostFunction of(String name, int arity, HostOperation operation) {
        return new HostFunction(name, arity, OptionalInt.empty(), operation);
    }
}
