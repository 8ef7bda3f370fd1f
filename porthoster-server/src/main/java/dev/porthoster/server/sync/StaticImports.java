package dev.porthoster.server.sync;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The files a handler imports, found by reading its relative {@code import ... from './x.js'}, {@code export ... from}
 * and {@code import('./x.js')} statements, transitively, inside a tree. Used only to say in a sync report which
 * handlers a changed supporting file reloaded; the broker itself decides by the files its engine really read, so an
 * import this scan cannot see (a computed {@code import()}) still reloads its handler, only the report does not name it.
 */
final class StaticImports {

    private static final Pattern SPECIFIER = Pattern.compile(
            "(?:\\bfrom\\s*|\\bimport\\s*\\(?\\s*)(['\"])(\\.{1,2}/[^'\"\\n]{1,512})\\1");
    /** Handler code is at most 2 MiB a file (the module rule); nothing larger is read here. */
    private static final int MAX_BYTES = 2 << 20;
    /** A bound on the walk, however the files import each other. */
    private static final int MAX_FILES = 1000;

    private StaticImports() {
    }

    /** {@code entry} (relative to {@code root}) and every file it imports, relative to {@code root}, {@code /}-separated. */
    static Set<String> closure(Path root, String entry) {
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>();
        todo.add(entry);
        while (!todo.isEmpty() && seen.size() < MAX_FILES) {
            String file = todo.poll();
            if (!seen.add(file)) {
                continue;
            }
            String text = read(root.resolve(file));
            Matcher m = SPECIFIER.matcher(text);
            while (m.find()) {
                Path target = Path.of(file).resolveSibling(m.group(2)).normalize();
                if (target.getNameCount() > 0 && !target.startsWith("..")) {
                    todo.add(target.toString().replace(java.io.File.separatorChar, '/'));
                }
            }
        }
        return seen;
    }

    private static String read(Path file) {
        try {
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                return "";
            }
            try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
                return new String(in.readNBytes(MAX_BYTES), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            return "";
        }
    }
}
