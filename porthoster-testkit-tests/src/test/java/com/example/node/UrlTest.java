package com.example.node;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The global {@code URL} and {@code URLSearchParams} (and {@code node:url}), parsing and serialising as Node 20's
 * WHATWG URL does. Every expectation is Node 20's output for the same code.
 */
class UrlTest {

    private static final String IMPORTS = "";

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"node", "graal", "rhino"})
    void aUrlIsParsedIntoNodesPartsWithPercentEncodingAndDefaultPorts(String engine) {
        NodeParity.check(engine, dir, IMPORTS, """
                const u = new URL('https://user:pa ss@Example.COM:443/a/./b/../c%2e/d?x=1 2&y=é#frag ment');
                [u.href, u.origin, u.protocol, u.username, u.password, u.host, u.hostname, u.port, u.pathname, u.search, u.hash]
                => ["https://user:pa%20ss@example.com/a/c%2e/d?x=1%202&y=%C3%A9#frag%20ment","https://example.com","https:","user","pa%20ss","example.com","example.com","","/a/c%2e/d","?x=1%202&y=%C3%A9","#frag%20ment"]
                const u = new URL('HTTP://example.com:8080');
                [u.href, u.host, u.port, u.pathname, u.origin]
                => ["http://example.com:8080/","example.com:8080","8080","/","http://example.com:8080"]
                [new URL('ws://h:80/').href, new URL('wss://h:443').port, new URL('ftp://h:21/').href, new URL('http://h:0/').port, new URL('http://h:00080/').href]
                => ["ws://h/","","ftp://h/","0","http://h/"]
                """);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"node", "graal", "rhino"})
    void hostsAreNormalisedIpv4Ipv6AndPunycode(String engine) {
        NodeParity.check(engine, dir, IMPORTS, """
                [new URL('http://192.168.0.1.').host, new URL('http://0x7f.1/').host, new URL('http://3232235777').host, new URL('http://[::1]:80/').href, new URL('http://[2001:DB8:0:0:0:0:0:1]').host, new URL('http://[::ffff:1.2.3.4]').host]
                => ["192.168.0.1","127.0.0.1","192.168.1.1","http://[::1]/","[2001:db8::1]","[::ffff:102:304]"]
                [new URL('http://münchen.de/').host, new URL('http://EXAMPLE.com./x').host, new URL('http://ex%41mple.com').host]
                => ["xn--mnchen-3ya.de","example.com.","example.com"]
                ['ＥＸＡＭＰＬＥ.com', 'ß.de', 'ﬁ.com', 'Ⅻ.com', 'a\u00adb.com', 'İ.com', 'Σ.gr', '①.com', '㍿.jp', 'ǅ.com', 'bÃ¼cher.example', '℡.example'].map((h) => new URL('http://' + h + '/').hostname)
                => ["example.com","xn--zca.de","fi.com","xii.com","ab.com","xn--i-9bb.com","xn--4xa.gr","1.com","xn--6oqv20b1zgzxr.jp","xn--d-toa.com","xn--b14cher-xwa2143e.example","tel.example"]
                """);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"node", "graal", "rhino"})
    void relativeReferencesResolveAgainstTheBase(String engine) {
        NodeParity.check(engine, dir, IMPORTS, """
                [new URL('../x?q#h', 'http://h/a/b/c').href, new URL('/root', 'http://h/a/b').href, new URL('//other/p', 'https://h/a').href, new URL('?q2', 'http://h/a/b?q1#f').href, new URL('#f2', 'http://h/a/b?q1#f').href, new URL('', 'http://h/a/b?q#f').href, new URL('c', 'http://h/a/').href]
                => ["http://h/a/x?q#h","http://h/root","https://other/p","http://h/a/b?q2","http://h/a/b?q1#f2","http://h/a/b?q","http://h/a/c"]
                [new URL('http:\\\\\\\\h\\\\a\\\\b').href, new URL('  http://h/a\\tb\\n  ').href, new URL('http:h/x').href, new URL('HTTPS://h').href]
                => ["http://h/a/b","http://h/ab","http://h/x","https://h/"]
                """);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"node", "graal", "rhino"})
    void nonSpecialAndFileUrlsKeepTheirOwnShape(String engine) {
        NodeParity.check(engine, dir, IMPORTS, """
                [new URL('mailto:Joe@Example.com?subject=hi there').href, new URL('mailto:x').pathname, new URL('foo://Host/p a/th?q r#f g').href, new URL('foo://h').pathname, new URL('data:text/plain,hi').origin]
                => ["mailto:Joe@Example.com?subject=hi%20there","x","foo://Host/p%20a/th?q%20r#f%20g","","null"]
                [new URL('file:///etc/passwd').href, new URL('file://localhost/x').href, new URL('file:/a/b').href, new URL('file:///C:/x/../y').href, new URL('file:///etc').origin]
                => ["file:///etc/passwd","file:///x","file:///a/b","file:///C:/y","null"]
                """);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"node", "graal", "rhino"})
    void anInvalidUrlThrowsErrInvalidUrl(String engine) {
        NodeParity.check(engine, dir, IMPORTS, """
                new URL('nope')
                => !TypeError [ERR_INVALID_URL]: Invalid URL
                new URL('http://')
                => !TypeError [ERR_INVALID_URL]: Invalid URL
                new URL('http://h:99999/')
                => !TypeError [ERR_INVALID_URL]: Invalid URL
                new URL('http://a b/')
                => !TypeError [ERR_INVALID_URL]: Invalid URL
                new URL('x', 'nope')
                => !TypeError [ERR_INVALID_URL]: Invalid URL
                [URL.canParse('http://x'), URL.canParse('x'), URL.canParse('x', 'http://h/')]
                => [true,false,true]
                """);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"node", "graal", "rhino"})
    void settersAndSearchParamsStayInStepWithTheHref(String engine) {
        NodeParity.check(engine, dir, IMPORTS, """
                const u = new URL('http://h/p?a=1');
                u.searchParams.append('b', 'two words'); u.hash = 'top'; u.pathname = '/new path'; u.port = '8080'; u.hostname = 'Other.Org';
                [u.href, u.search, String(u), JSON.stringify({ u })]
                => ["http://other.org:8080/new%20path?a=1&b=two+words#top","?a=1&b=two+words","http://other.org:8080/new%20path?a=1&b=two+words#top","{\\u0022u\\u0022:\\u0022http://other.org:8080/new%20path?a=1&b=two+words#top\\u0022}"]
                const u = new URL('http://h/?a=1&b=2');
                u.search = '?c=3';
                [u.searchParams.get('c'), u.searchParams.get('a'), u.href]
                => ["3",null,"http://h/?c=3"]
                const u = new URL('http://h:8080/');
                u.protocol = 'https'; const a = u.href; u.protocol = 'foo'; u.port = ''; u.host = 'x.org:99';
                [a, u.href, u.username = 'me', u.href]
                => ["https://h:8080/","https://x.org:99/","me","https://me@x.org:99/"]
                """);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"node", "graal", "rhino"})
    void urlSearchParamsParsesEditsAndSerialisesAsAForm(String engine) {
        NodeParity.check(engine, dir, IMPORTS, """
                const p = new URLSearchParams('?a=1&b=x+y&a=%C3%A9&c&=z&d=%zz');
                [p.get('a'), p.getAll('a'), p.get('b'), p.get('c'), p.get(''), p.get('d'), p.has('c'), p.get('nope'), p.size, p.toString()]
                => ["1",["1","\\u00e9"],"x y","","z","%zz",true,null,6,"a=1&b=x+y&a=%C3%A9&c=&=z&d=%25zz"]
                const p = new URLSearchParams({ b: '2', a: '1 & 2' });
                p.append('a', '€'); p.sort();
                [p.toString(), [...p.keys()], [...p.values()], [...p].length]
                => ["a=1+%26+2&a=%E2%82%AC&b=2",["a","a","b"],["1 & 2","\\u20ac","2"],3]
                const p = new URLSearchParams([['x', '1'], ['y', '2'], ['x', '3']]);
                p.set('x', '9'); p.delete('y');
                const seen = []; p.forEach((v, k) => seen.push(k + '=' + v));
                [p.toString(), seen, p.has('x', '9'), p.has('x', '1')]
                => ["x=9",["x=9"],true,false]
                new URLSearchParams('a=~!*()\\'-._ ').toString()
                => "a=%7E%21*%28%29%27-._+"
                """);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"node", "graal", "rhino"})
    void urlSearchParamsRefusesBadArgumentsAsNode(String engine) {
        NodeParity.check(engine, dir, IMPORTS, """
                new URLSearchParams([['a']])
                => !TypeError [ERR_INVALID_TUPLE]: Each query pair must be an iterable [name, value] tuple
                new URLSearchParams().append('a')
                => !TypeError [ERR_MISSING_ARGS]: The "name" and "value" arguments must be specified
                """);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"node", "graal", "rhino"})
    void nodeUrlGivesTheSameClasses(String engine) {
        NodeParity.check(engine, dir, "import url, { URL as U, URLSearchParams as P } from 'node:url';", """
                [U === URL, P === URLSearchParams, url.URL === URL]
                => [true,true,true]
                """);
    }
}
