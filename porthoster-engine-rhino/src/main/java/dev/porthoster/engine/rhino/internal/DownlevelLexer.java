package dev.porthoster.engine.rhino.internal;

import dev.porthoster.engine.rhino.internal.DownlevelTokens.Kind;
import java.util.ArrayDeque;

/**
 * Splits JavaScript into {@link DownlevelTokens}: identifiers, punctuators, numbers, strings, template chunks and
 * regular expressions, each with its line. Template substitutions are tokenized as code; a {@code /} is a regular
 * expression where an expression may start, a division elsewhere. Unterminated strings, comments and templates end
 * the token at the end of the line or source; nothing here fails.
 */
final class DownlevelLexer {

    private static final String[] PUNCTUATORS = {">>>=", "...", "===", "!==", "**=", "<<=", ">>=", ">>>", "&&=",
        "||=", "??=", "=>", "==", "!=", "<=", ">=", "&&", "||", "??", "?.", "++", "--", "+=", "-=", "*=", "/=", "%=",
        "&=", "|=", "^=", "**", "<<", ">>"};

    private final String src;
    private final DownlevelTokens tokens;

    private DownlevelLexer(String src) {
        this.src = src;
        this.tokens = new DownlevelTokens(src);
    }

    static DownlevelTokens tokenize(String src) {
        DownlevelLexer lexer = new DownlevelLexer(src);
        lexer.run();
        return lexer.tokens;
    }

    private void run() {
        ArrayDeque<Integer> templates = new ArrayDeque<>();
        int braces = 0;
        int i = 0;
        int ln = 1;
        int len = src.length();
        if (src.startsWith("#!")) {
            while (i < len && src.charAt(i) != '\n') {
                i++;
            }
        }
        while (i < len) {
            char c = src.charAt(i);
            if (c == '\n') {
                ln++;
                i++;
            } else if (Character.isWhitespace(c) || c == '\uFEFF') {
                i++;
            } else if (c == '/' && i + 1 < len && src.charAt(i + 1) == '/') {
                while (i < len && src.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '/' && i + 1 < len && src.charAt(i + 1) == '*') {
                int close = src.indexOf("*/", i + 2);
                int stop = close < 0 ? len : close + 2;
                ln += count(i, stop);
                i = stop;
            } else if (Character.isJavaIdentifierStart(c) || c == '#' || c == '\\') {
                int s = i++;
                while (i < len && (Character.isJavaIdentifierPart(src.charAt(i)) || src.charAt(i) == '\\')
                        && src.charAt(i) != '\u0000') {
                    i++;
                }
                tokens.add(Kind.IDENT, s, i, ln);
            } else if (Character.isDigit(c) || (c == '.' && i + 1 < len && Character.isDigit(src.charAt(i + 1)))) {
                int s = i++;
                while (i < len) {
                    char d = src.charAt(i);
                    if (Character.isLetterOrDigit(d) || d == '_' || d == '.') {
                        i++;
                    } else if ((d == '+' || d == '-') && (src.charAt(i - 1) == 'e' || src.charAt(i - 1) == 'E')
                            && !src.substring(s, i).startsWith("0x") && !src.substring(s, i).startsWith("0X")) {
                        i++;
                    } else {
                        break;
                    }
                }
                tokens.add(Kind.NUM, s, i, ln);
            } else if (c == '"' || c == '\'') {
                int s = i++;
                while (i < len && src.charAt(i) != c && src.charAt(i) != '\n') {
                    i += src.charAt(i) == '\\' ? 2 : 1;
                }
                i = Math.min(len, i + 1);
                ln += count(s, i);
                tokens.add(Kind.STR, s, i, ln - count(s, i));
            } else if (c == '`' || (c == '}' && !templates.isEmpty() && templates.peek() == braces)) {
                // a template chunk: `...${  or  }...${  or  }...`  (substitutions are tokenized as code)
                if (c == '}') {
                    templates.pop();
                }
                int s = i++;
                boolean open = false;
                while (i < len) {
                    char d = src.charAt(i);
                    if (d == '\\') {
                        i += 2;
                    } else if (d == '`') {
                        i++;
                        break;
                    } else if (d == '$' && i + 1 < len && src.charAt(i + 1) == '{') {
                        i += 2;
                        open = true;
                        break;
                    } else {
                        i++;
                    }
                }
                i = Math.min(i, len);
                tokens.add(Kind.TEMPLATE, s, i, ln);
                ln += count(s, i);
                if (open) {
                    templates.push(braces);
                }
            } else if (c == '/' && regexAllowed()) {
                int s = i++;
                boolean inClass = false;
                while (i < len && src.charAt(i) != '\n') {
                    char d = src.charAt(i);
                    if (d == '\\') {
                        i += 2;
                        continue;
                    }
                    if (d == '[') {
                        inClass = true;
                    } else if (d == ']') {
                        inClass = false;
                    } else if (d == '/' && !inClass) {
                        break;
                    }
                    i++;
                }
                i = Math.min(len, i + 1);
                while (i < len && Character.isLetter(src.charAt(i))) {
                    i++;
                }
                tokens.add(Kind.REGEX, s, i, ln);
            } else {
                int s = i;
                String p = String.valueOf(c);
                for (String candidate : PUNCTUATORS) {
                    if (src.startsWith(candidate, i)) {
                        // "?." followed by a digit is a conditional and a number: a ?.5 : b
                        if (candidate.equals("?.") && i + 2 < len && Character.isDigit(src.charAt(i + 2))) {
                            continue;
                        }
                        p = candidate;
                        break;
                    }
                }
                i += p.length();
                if (p.equals("{")) {
                    braces++;
                } else if (p.equals("}")) {
                    braces--;
                }
                tokens.add(Kind.PUNCT, s, i, ln);
            }
        }
    }

    private int count(int from, int to) {
        int lines = 0;
        for (int i = from; i < to && i < src.length(); i++) {
            if (src.charAt(i) == '\n') {
                lines++;
            }
        }
        return lines;
    }

    /** Whether a {@code /} after the tokens so far starts a regular expression rather than a division. */
    private boolean regexAllowed() {
        int n = tokens.count();
        if (n == 0) {
            return true;
        }
        int p = n - 1;
        String t = tokens.text(p);
        return switch (tokens.kind(p)) {
            case PUNCT -> !t.equals(")") && !t.equals("]") && !t.equals("}");
            case IDENT -> DownlevelTokens.BEFORE_EXPRESSION.contains(t);
            case TEMPLATE -> t.endsWith("${");
            default -> false;
        };
    }
}
