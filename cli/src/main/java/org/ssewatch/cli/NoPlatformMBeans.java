package org.ssewatch.cli;

import javax.management.MBeanServer;
import javax.management.MBeanServerBuilder;
import javax.management.MBeanServerDelegate;

/**
 * Keeps the command line tool from creating the platform MBean server. XNIO registers an MBean for
 * its provider and for each worker, which makes the JVM build that server with every JDK MXBean in
 * it: about 100 ms of CPU on a 2-core machine, while the user waits for the URL, for beans that no
 * one reads. XNIO carries on without them when the server cannot be made. Installed only by
 * {@link Main}, and only when nothing chose a builder already; embedders are not affected, and
 * {@code -Dcom.sun.management.jmxremote} still works because the JVM creates the server before
 * {@code main}.
 */
public final class NoPlatformMBeans extends MBeanServerBuilder {
    static final String PROPERTY = "javax.management.builder.initial";

    static void install() {
        if (System.getProperty(PROPERTY) == null) {
            System.setProperty(PROPERTY, NoPlatformMBeans.class.getName());
        }
    }

    @Override
    public MBeanServer newMBeanServer(String defaultDomain, MBeanServer outer, MBeanServerDelegate delegate) {
        throw new UnsupportedOperationException("ssewatch runs without an MBean server");
    }
}
