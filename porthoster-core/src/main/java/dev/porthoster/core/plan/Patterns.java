package dev.porthoster.core.plan;

import java.util.regex.Pattern;

/** The character classes of the filename grammar. */
final class Patterns {
    /** Letters, digits, {@code -} and {@code _}: ASCII only, so a look-alike letter cannot pass. */
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]+");
    /** ASCII digits only: no sign, no other script's digits. */
    static final Pattern DIGITS = Pattern.compile("[0-9]+");

    private Patterns() {
    }
}
