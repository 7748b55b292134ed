package org.ssewatch.web.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ssewatch.web.access.Htpasswd.basic;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Operators against files written by the real {@code htpasswd}, changed while in use as an administrator would. */
@Timeout(120)
class OperatorsIT {
    @TempDir
    Path dir;
    Path file;
    final List<String> warnings = new ArrayList<>();

    @BeforeEach
    void users() throws Exception {
        Htpasswd.assumeInstalled();
        file = dir.resolve("operators");
        Htpasswd.run("-B", "-b", "-c", file.toString(), "alice", "correct horse");
    }

    private Operators load() throws Exception {
        return Operators.load(file, warnings::add);
    }

    @Test
    void theRightPasswordNamesTheOperatorAndAWrongOneNobody() throws Exception {
        assertTrue(Files.readString(file).startsWith("alice:$2y$05$"), "htpasswd -B writes $2y$ at cost 5");
        Operators ops = load();
        assertEquals(Optional.of("alice"), ops.operator(basic("alice", "correct horse")));
        assertEquals(Optional.empty(), ops.operator(basic("alice", "correct horse ")));
        assertEquals(Optional.empty(), ops.operator(basic("alice", "")));
        assertEquals(Optional.empty(), ops.operator("Basic %%%"));
        assertEquals(Optional.empty(), ops.operator(null));
        assertEquals(Set.of("alice"), ops.names());
    }

    @Test
    void anUnknownUserCostsOneBcryptAtTheFilesCostAsAWrongPasswordDoes() throws Exception {
        Operators ops = load();
        assertEquals(5, ops.dummyCost());
        long before = ops.bcryptCount();
        assertEquals(Optional.empty(), ops.operator(basic("mallory", "correct horse")));
        assertEquals(before + 1, ops.bcryptCount(), "an unknown user is verified against the dummy hash");
        assertEquals(Optional.empty(), ops.operator(basic("alice", "wrong")));
        assertEquals(before + 2, ops.bcryptCount());
        Htpasswd.run("-B", "-C", "7", "-b", file.toString(), "carol", "pw");
        assertEquals(Optional.of("carol"), ops.operator(basic("carol", "pw")));
        assertEquals(7, ops.dummyCost(), "the dummy costs what the dearest real hash costs");
    }

    @Test
    void aSuccessfulVerificationIsRememberedUntilTheFileChanges() throws Exception {
        Operators ops = load();
        assertEquals(Optional.of("alice"), ops.operator(basic("alice", "correct horse")));
        long after = ops.bcryptCount();
        for (int i = 0; i < 20; i++) {
            assertEquals(Optional.of("alice"), ops.operator(basic("alice", "correct horse")));
        }
        assertEquals(after, ops.bcryptCount(), "a page's many requests pay for one bcrypt");
        Htpasswd.run("-B", "-b", file.toString(), "alice", "new password");
        assertEquals(Optional.empty(), ops.operator(basic("alice", "correct horse")), "the old password is out at once");
        assertEquals(Optional.of("alice"), ops.operator(basic("alice", "new password")));
    }

    @Test
    void operatorsAddedAndRemovedWithHtpasswdCountWithoutARestart() throws Exception {
        Operators ops = load();
        assertEquals(Optional.empty(), ops.operator(basic("bob", "s3cret")));
        Htpasswd.run("-B", "-b", file.toString(), "bob", "s3cret");
        assertEquals(Optional.of("bob"), ops.operator(basic("bob", "s3cret")));
        assertEquals(Optional.of("alice"), ops.operator(basic("alice", "correct horse")));
        Htpasswd.run("-D", file.toString(), "alice");
        assertEquals(Optional.empty(), ops.operator(basic("alice", "correct horse")));
        assertEquals(Set.of("bob"), ops.names());
        assertEquals(List.of(), warnings);
    }

    @Test
    void aFileBrokenWhileInUseLetsNobodyInUntilItIsFixedAndSaysSoOnce() throws Exception {
        Operators ops = load();
        assertEquals(Optional.of("alice"), ops.operator(basic("alice", "correct horse")));
        String good = Files.readString(file);
        Files.writeString(file, good + "not a line of htpasswd\n");
        assertEquals(Optional.empty(), ops.operator(basic("alice", "correct horse")));
        assertEquals(Optional.empty(), ops.operator(basic("alice", "correct horse")));
        assertEquals(List.of("ssewatch: " + file + " changed and cannot be used, so nobody can operate until it is fixed: "
                + file + ":2: expected USER:HASH, as htpasswd -B writes it"), warnings);
        Files.writeString(file, good);
        assertEquals(Optional.of("alice"), ops.operator(basic("alice", "correct horse")));
        Files.delete(file);
        assertEquals(Optional.empty(), ops.operator(basic("alice", "correct horse")));
        assertEquals(Optional.empty(), ops.operator(basic("alice", "correct horse")));
        assertEquals(2, warnings.size(), warnings.toString());
        assertTrue(warnings.get(1).contains("cannot read it"), warnings.get(1));
    }

    @Test
    void md5AndOtherWeakFormatsAreRefusedByLineAtStart() throws Exception {
        Htpasswd.run("-m", "-b", file.toString(), "bob", "pw");
        Htpasswd.run("-s", "-b", file.toString(), "carol", "pw");
        Htpasswd.run("-p", "-b", file.toString(), "dave", "pw");
        Files.writeString(file, "mangled:$2y$05$tooshort\n", java.nio.file.StandardOpenOption.APPEND);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, this::load);
        String[] lines = e.getMessage().split("\n");
        assertEquals(4, lines.length, e.getMessage());
        assertTrue(lines[0].startsWith(file + ":2: user \"bob\": an MD5 hash ($apr1$), which is not accepted; set the password again with htpasswd -B"), lines[0]);
        assertEquals(file + ":3: user \"carol\": a SHA-1 hash ({SHA}), which is not accepted; set the password again with htpasswd -B", lines[1]);
        assertEquals(file + ":4: user \"dave\": not a bcrypt hash (plain text, or a format ssewatch does not know); set the password again with htpasswd -B", lines[2]);
        assertTrue(lines[3].startsWith(file + ":5: user \"mangled\": not a well-formed bcrypt hash ("), lines[3]);
    }

    @Test
    void commentsAndBlankLinesAreSkippedAndATwiceListedUserIsRefused() throws Exception {
        String alice = Files.readString(file).strip();
        Files.writeString(file, "# operators of the deploy hub\n\n" + alice + "\n");
        assertEquals(Set.of("alice"), load().names());
        Files.writeString(file, alice + "\n" + alice + "\n");
        assertEquals(file + ":2: user \"alice\" is already on line 1", assertThrows(IllegalArgumentException.class, this::load).getMessage());
    }

    @Test
    void passwordsLongerThanBcryptsSeventyTwoBytesVerifyAsHtpasswdMadeThem() throws Exception {
        String longPassword = "p".repeat(72) + "-and-then-some";
        Htpasswd.run("-B", "-b", file.toString(), "long", longPassword);
        Operators ops = load();
        assertEquals(Optional.of("long"), ops.operator(basic("long", longPassword)));
        assertEquals(Optional.of("long"), ops.operator(basic("long", "p".repeat(72))), "bcrypt reads the first 72 bytes, as htpasswd's does");
        assertEquals(Optional.empty(), ops.operator(basic("long", "p".repeat(71))));
    }
}
