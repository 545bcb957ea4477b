package io.tessera.catalog.backend.hdfs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class HadoopErrorsTest {

    @Test
    void classNamesAndWikiLinksAreLeftOut() {
        IOException refused = new IOException("Call From vm/127.0.0.1 to localhost:1 failed on connection exception:"
                + " java.net.ConnectException: Connection refused; For more details see:  "
                + "http://wiki.apache.org/hadoop/ConnectionRefused\n\tat org.apache.hadoop.ipc.Client.call");
        assertEquals("Call From vm/127.0.0.1 to localhost:1 failed on connection exception: Connection refused",
                HadoopErrors.reason(refused));
        assertEquals("input/output error", HadoopErrors.reason(new IOException((String) null)));
        assertEquals("Permission denied: user=x", HadoopErrors.reason(new IOException(
                "org.apache.hadoop.security.AccessControlException: Permission denied: user=x")));
    }
}
