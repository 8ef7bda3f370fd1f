package dev.porthoster.server.sync;

import com.sun.security.auth.module.UnixSystem;
import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipal;
import java.util.Set;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;

/**
 * The checks both ends of the broker's local channel make: the channel is a Unix socket in a folder only its owner
 * can enter, owned by the user of this process, and the process at the other end runs as that same user (its
 * credentials as the kernel reports them, {@code SO_PEERCRED}). There is no token and no TCP listener: being that
 * user is the authentication.
 */
final class LocalChannel {

    /** The most a request or a reply on the channel may be. */
    static final int MAX_REPLY = 4 << 20;
    static final int MAX_REQUEST = 1024;

    private LocalChannel() {
    }

    /** The numeric user ID of this process. */
    static long selfUid() {
        return new UnixSystem().getUid();
    }

    /** Why the state folder {@code state} or its socket may not be trusted by this process, if they may not. */
    static java.util.Optional<String> untrusted(Path state, Path socket) throws IOException {
        long self = selfUid();
        for (Path p : new Path[] {state, socket}) {
            long owner = ((Number) Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS)).longValue();
            if (owner != self) {
                return java.util.Optional.of(p + " belongs to user ID " + owner + ", not to this user (ID " + self
                        + "); run this as the user the broker runs as");
            }
        }
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(state, LinkOption.NOFOLLOW_LINKS);
        if (perms.contains(PosixFilePermission.GROUP_EXECUTE) || perms.contains(PosixFilePermission.OTHERS_EXECUTE)
                || perms.contains(PosixFilePermission.GROUP_WRITE) || perms.contains(PosixFilePermission.OTHERS_WRITE)) {
            return java.util.Optional.of(state + " can be entered by other users; it must be mode 0700 (chmod 700 "
                    + state + ")");
        }
        return java.util.Optional.empty();
    }

    /** Whether the process at the other end of {@code channel} runs as the owner of {@code socket}. */
    static boolean samePeer(SocketChannel channel, Path socket) throws IOException {
        UnixDomainPrincipal peer = channel.getOption(ExtendedSocketOptions.SO_PEERCRED);
        UserPrincipal owner = Files.getOwner(socket, LinkOption.NOFOLLOW_LINKS);
        return peer.user().equals(owner);
    }
}
