package dev.porthoster.js;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds where a module is imported, for an engine that resolves specifiers itself and reports a refused read without
 * saying who asked (GraalJS): the first string literal, in the files read so far, that is the specifier in question.
 * Only a refusal's message depends on it; when nothing matches, the refusal names the handler instead.
 */
final class ImportSites {

    /** A string literal in a module: the file, its 1-based line, and its text. */
    record Site(Path file, int line, String specifier) { }

    private static final Pattern LITERAL = Pattern.compile("(['\"])((?:\\\\.|(?!\\1)[^\\\\\\n])*)\\1");

    private ImportSites() {
    }

    static Optional<Site> find(List<Path> files, Function<Path, String> text, Predicate<Site> matches) {
        for (Path file : files) {
            String source = text.apply(file);
            Matcher m = LITERAL.matcher(source);
            int line = 1;
            int counted = 0;
            while (m.find()) {
                for (int i = counted; i < m.start(); i++) {
                    if (source.charAt(i) == '\n') {
                        line++;
                    }
                }
                counted = m.start();
                Site site = new Site(file, line, m.group(2));
                if (matches.test(site)) {
                    return Optional.of(site);
                }
            }
        }
        return Optional.empty();
    }
}
