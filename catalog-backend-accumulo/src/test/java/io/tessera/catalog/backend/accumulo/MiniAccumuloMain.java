package io.tessera.catalog.backend.accumulo;

import io.tessera.catalog.testkit.ParentWatchdog;
import java.io.File;
import java.util.Map;
import org.apache.accumulo.minicluster.MemoryUnit;
import org.apache.accumulo.minicluster.MiniAccumuloCluster;
import org.apache.accumulo.minicluster.MiniAccumuloConfig;
import org.apache.accumulo.minicluster.ServerType;

/**
 * The test server's child JVM: a MiniAccumuloCluster (which forks ZooKeeper, a manager, a tablet
 * server and a garbage collector) with every socket on 127.0.0.1, serving until this JVM is stopped.
 * Whatever way it ends — stopped, a failed start, or its parent gone — it takes its forked servers
 * with it. Arguments: directory, ZooKeeper port, root password.
 */
public final class MiniAccumuloMain {

    private MiniAccumuloMain() {
    }

    public static void main(String[] args) throws Exception {
        MiniAccumuloConfig config = new MiniAccumuloConfig(new File(args[0]), args[2]);
        config.setNumTservers(1);
        config.setZooKeeperPort(Integer.parseInt(args[1]));
        // A busy two-core machine can take longer than the default 20 s to start ZooKeeper.
        config.setZooKeeperStartupTime(60_000);
        config.setDefaultMemory(128, MemoryUnit.MEGABYTE);
        config.setMemory(ServerType.TABLET_SERVER, 768, MemoryUnit.MEGABYTE);
        config.setSiteConfig(Map.of("rpc.bind.addr", "127.0.0.1"));
        MiniAccumuloCluster cluster = new MiniAccumuloCluster(config);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                cluster.stop();
            } catch (Exception e) {
                e.printStackTrace();
            } finally {
                ParentWatchdog.stopDescendants();
            }
        }, "accumulo-stop"));
        try {
            cluster.start();
        } catch (Exception | Error e) {
            // A start that fails half-way leaves the servers it forked running (stop() does not know
            // them) and threads that would keep this JVM up.
            e.printStackTrace();
            ParentWatchdog.stopDescendants();
            Runtime.getRuntime().halt(1);
        }
        System.out.println("accumulo ready: instance " + cluster.getInstanceName() + " at " + cluster.getZooKeepers());
        Thread.currentThread().join();
    }
}
