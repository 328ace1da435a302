package io.ringsync.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ringsync.config.SystemSettings;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run directory is created with its mode from the start and must be the node user's own. */
class RunDirectoryModeTest {

    @TempDir
    Path dir;

    private static int mode(Path path) throws Exception {
        return FileModes.mode(Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS));
    }

    private SystemSettings system(Path runDir, List<Long> allowedUids) {
        return new SystemSettings(runDir, dir.resolve("state"), runDir.resolve("ringsync.sock"), 0600, allowedUids, List.of());
    }

    @Test
    void ownerOnlyGives0700AndAllowedUsersGive0711() throws Exception {
        RunDirectory owner = RunDirectory.claim(system(dir.resolve("a/run"), List.of()));
        assertEquals(0700, mode(owner.path()));
        owner.release();
        RunDirectory shared = RunDirectory.claim(system(dir.resolve("b/run"), List.of(65534L)));
        assertEquals(0711, mode(shared.path()));
        shared.release();
    }

    @Test
    void anExistingDirectoryOfOursGetsTheModeSet() throws Exception {
        Path run = Files.createDirectory(dir.resolve("run"));
        Files.setPosixFilePermissions(run, FileModes.permissions(0777));
        RunDirectory.createPrivate(run, 0700);
        assertEquals(0700, mode(run));
    }

    @Test
    void aSymbolicLinkIsRefused() throws Exception {
        Path target = Files.createDirectory(dir.resolve("elsewhere"));
        Path run = Files.createSymbolicLink(dir.resolve("run"), target);
        NodeStartRefusedException e = assertThrows(NodeStartRefusedException.class,
                () -> RunDirectory.createPrivate(run, 0700));
        assertEquals("run directory " + run + " is not a directory but a symbolic link; remove it or set"
                + " system.run_dir", e.getMessage());
    }

    @Test
    void aRunDirectoryThatIsASymbolicLinkIsRefusedBeforeAnythingInItIsDeleted() throws Exception {
        Path target = Files.createDirectory(dir.resolve("elsewhere"));
        Path pid = Files.writeString(target.resolve(RunDirectory.PID_FILE), "1\n");
        Path run = Files.createSymbolicLink(dir.resolve("run"), target);
        assertThrows(NodeStartRefusedException.class, () -> RunDirectory.claim(system(run, List.of())));
        assertTrue(Files.exists(pid), "a file behind the link was deleted");
    }

    @Test
    void aDirectoryOfAnotherUserIsRefused() throws Exception {
        assumeTrue(ProcessIdentity.uid() == 0, "needs root to give a directory to another user");
        Path run = Files.createDirectory(dir.resolve("run"));
        Files.setAttribute(run, "unix:uid", 65534);
        NodeStartRefusedException e = assertThrows(NodeStartRefusedException.class,
                () -> RunDirectory.createPrivate(run, 0700));
        assertTrue(e.getMessage().startsWith("run directory " + run + " belongs to uid 65534 ("), e.getMessage());
        assertTrue(e.getMessage().endsWith("not to this node's uid 0; remove it or set system.run_dir"), e.getMessage());
    }
}
