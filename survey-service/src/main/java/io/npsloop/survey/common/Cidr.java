package io.npsloop.survey.common;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/** IPv4/IPv6 CIDR parsing and matching without DNS (literals only). */
public final class Cidr {

    // compiled once: every answer checks its address against the store's networks
    private static final Pattern IP_CHARACTERS = Pattern.compile("[0-9a-fA-F:.]+");
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private final byte[] network;
    private final int prefix;

    private Cidr(byte[] network, int prefix) {
        this.network = network;
        this.prefix = prefix;
    }

    /** Parses "10.1.0.0/16", "2001:db8::/32" or a single address; null when invalid. */
    public static Cidr parse(String text) {
        if (text == null) {
            return null;
        }
        String t = text.strip();
        int slash = t.indexOf('/');
        String addr = slash < 0 ? t : t.substring(0, slash);
        byte[] bytes = literal(addr);
        if (bytes == null) {
            return null;
        }
        int max = bytes.length * 8;
        int prefix;
        try {
            prefix = slash < 0 ? max : Integer.parseInt(t.substring(slash + 1));
        } catch (NumberFormatException e) {
            return null;
        }
        if (prefix < 0 || prefix > max) {
            return null;
        }
        return new Cidr(bytes, prefix);
    }

    public boolean contains(String address) {
        byte[] a = literal(address);
        if (a == null || a.length != network.length) {
            return false;
        }
        BigInteger mask = BigInteger.ONE.shiftLeft(network.length * 8).subtract(BigInteger.ONE)
                .xor(BigInteger.ONE.shiftLeft(network.length * 8 - prefix).subtract(BigInteger.ONE));
        return new BigInteger(1, a).and(mask).equals(new BigInteger(1, network).and(mask));
    }

    /** The address bytes of an IP literal, or null (never resolves a host name). */
    public static byte[] literal(String addr) {
        if (addr == null || addr.isEmpty() || !IP_CHARACTERS.matcher(addr).matches()) {
            return null;
        }
        if (!addr.contains(":") && !IPV4.matcher(addr).matches()) {
            return null;
        }
        if (!addr.contains(":")) {
            for (String part : addr.split("\\.")) {
                if (Integer.parseInt(part) > 255) {
                    return null;
                }
            }
        }
        try {
            return InetAddress.getByName(addr).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
