package org.corpusforge.yarn;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.apache.hadoop.yarn.server.MiniYARNCluster;

/**
 * HDFS (one NameNode, one DataNode) and YARN (a ResourceManager, one NodeManager) in this JVM, on loopback ports
 * chosen by Hadoop; the client configuration (core-site.xml and yarn-site.xml) goes to CONF_DIR, and "ready" to
 * standard output when both serve. Runs until killed.
 *   MiniCluster WORK_DIR CONF_DIR NM_MEMORY_MB NM_VCORES
 */
public final class MiniCluster {
    private MiniCluster() {}

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        Path confDir = Files.createDirectories(Path.of(args[1]));
        Configuration conf = new YarnConfiguration();
        conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, work.resolve("hdfs").toString());
        conf.setInt("dfs.replication", 1);
        conf.setInt(YarnConfiguration.NM_PMEM_MB, Integer.parseInt(args[2]));
        conf.setInt(YarnConfiguration.NM_VCORES, Integer.parseInt(args[3]));
        conf.setInt(YarnConfiguration.RM_SCHEDULER_MAXIMUM_ALLOCATION_MB, Integer.parseInt(args[2]));
        conf.setInt(YarnConfiguration.RM_SCHEDULER_MINIMUM_ALLOCATION_MB, 256);
        // the FIFO scheduler needs no queue configuration
        conf.set(YarnConfiguration.RM_SCHEDULER,
                "org.apache.hadoop.yarn.server.resourcemanager.scheduler.fifo.FifoScheduler");
        conf.setBoolean(YarnConfiguration.NM_VMEM_CHECK_ENABLED, false);
        conf.setBoolean(YarnConfiguration.NM_PMEM_CHECK_ENABLED, false);
        conf.set("yarn.nodemanager.disk-health-checker.max-disk-utilization-per-disk-percentage", "99.5");
        conf.set(YarnConfiguration.YARN_APPLICATION_CLASSPATH, String.join(",",
                YarnConfiguration.DEFAULT_YARN_CROSS_PLATFORM_APPLICATION_CLASSPATH));
        System.setProperty("test.build.data", work.resolve("yarn").toString());
        MiniDFSCluster hdfs = new MiniDFSCluster.Builder(conf).numDataNodes(1).format(true).build();
        hdfs.waitActive();
        Configuration yarnConf = new YarnConfiguration(hdfs.getConfiguration(0));
        MiniYARNCluster yarn = new MiniYARNCluster("corpusforge", 1, 1, 1);
        yarn.init(yarnConf);
        yarn.start();
        // what a client needs, nothing of the mini clusters' own test settings (their topology mapping class is
        // not on a client's classpath)
        Configuration served = yarn.getConfig();
        Configuration client = new Configuration(false);
        client.set("fs.defaultFS", hdfs.getFileSystem().getUri().toString());
        client.set("dfs.replication", "1");
        for (String key : new String[] {YarnConfiguration.RM_ADDRESS, YarnConfiguration.RM_SCHEDULER_ADDRESS,
                YarnConfiguration.RM_RESOURCE_TRACKER_ADDRESS, YarnConfiguration.RM_ADMIN_ADDRESS,
                YarnConfiguration.RM_WEBAPP_ADDRESS, YarnConfiguration.YARN_APPLICATION_CLASSPATH}) {
            client.set(key, served.get(key));
        }
        try (OutputStream out = Files.newOutputStream(confDir.resolve("core-site.xml"))) {
            client.writeXml(out);
        }
        try (OutputStream out = Files.newOutputStream(confDir.resolve("yarn-site.xml"))) {
            client.writeXml(out);
        }
        FileSystem fs = hdfs.getFileSystem();
        fs.mkdirs(new org.apache.hadoop.fs.Path("/user/" + System.getProperty("user.name")));
        System.out.println("ready " + hdfs.getFileSystem().getUri() + " " + served.get(YarnConfiguration.RM_ADDRESS));
        System.out.flush();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            yarn.stop();
            hdfs.shutdown();
        }));
        Thread.currentThread().join();
    }
}
