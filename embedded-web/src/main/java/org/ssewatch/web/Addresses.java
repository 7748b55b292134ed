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

    /**
     * The address as it goes in a URL: IPv6 in brackets, in the short form of RFC 5952
     * ({@code [fd00::2]}, where Java writes {@code fd00:0:0:0:0:0:0:2}), without a zone.
     */
    static String literal(InetAddress a) {
        if (!(a instanceof Inet6Address)) {
            return a.getHostAddress();
        }
        byte[] b = a.getAddress();
        int[] hextets = new int[8];
        for (int i = 0; i < 8; i++) {
            hextets[i] = (b[2 * i] & 0xff) << 8 | (b[2 * i + 1] & 0xff);
        }
        // The longest run of two or more zero groups becomes "::"; the first one if runs tie.
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && hextets[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLength - 1;
                continue;
            }
            if (out.length() > 1 && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(hextets[i]));
        }
        return out.append(']').toString();
    }
}
