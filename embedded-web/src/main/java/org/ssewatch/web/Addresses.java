package org.ssewatch.web;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/**
 * The host names and addresses under which teammates can reach a server listening on all
 * interfaces: the machine's name if it resolves to one of its own non-loopback addresses, then
 * those addresses (IPv4 first), and loopback only when there is nothing else.
 */
final class Addresses {
    private Addresses() {
    }

    static List<String> reachableHosts(String bind) {
        InetAddress bound;
        try {
            bound = InetAddress.getByName(bind);
        } catch (UnknownHostException e) {
            return List.of(bind);
        }
        if (!bound.isAnyLocalAddress()) {
            return List.of(literal(bound));
        }
        List<InetAddress> own = ownAddresses();
        List<String> hosts = new ArrayList<>();
        String name = hostName();
        if (name != null) {
            try {
                for (InetAddress a : InetAddress.getAllByName(name)) {
                    if (own.contains(a)) {
                        hosts.add(name);
                        break;
                    }
                }
            } catch (UnknownHostException e) {
                // Not resolvable: teammates cannot use the name either.
            }
        }
        for (InetAddress a : own) {
            hosts.add(literal(a));
        }
        if (hosts.isEmpty()) {
            hosts.add("127.0.0.1");
        }
        return hosts;
    }

    private static List<InetAddress> ownAddresses() {
        List<InetAddress> out = new ArrayList<>();
        try {
            for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!ni.isUp() || ni.isLoopback()) {
                    continue;
                }
                for (InetAddress a : Collections.list(ni.getInetAddresses())) {
                    if (!a.isLoopbackAddress() && !a.isLinkLocalAddress()) {
                        out.add(a);
                    }
                }
            }
        } catch (SocketException e) {
            return out;
        }
        out.sort(Comparator.comparing(a -> a instanceof Inet4Address ? 0 : 1));
        return out;
    }

    private static String hostName() {
        try {
            String n = InetAddress.getLocalHost().getHostName();
            return n.isEmpty() || n.equals("localhost") ? null : n;
        } catch (UnknownHostException e) {
            return null;
        }
    }

    static String literal(InetAddress a) {
        if (a instanceof Inet6Address) {
            String s = a.getHostAddress();
            int zone = s.indexOf('%');
            return "[" + (zone < 0 ? s : s.substring(0, zone)) + "]";
        }
        return a.getHostAddress();
    }
}
