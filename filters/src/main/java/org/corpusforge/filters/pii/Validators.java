package org.corpusforge.filters.pii;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** Check digits and range checks that tell real identifiers from numbers that merely look like them. */
public final class Validators {
    private Validators() {}

    /** My Number (個人番号): 12 digits, the last a check digit over weights 6,5,4,3,2,7,6,5,4,3,2. */
    public static boolean myNumber(String digits) {
        if (digits.length() != 12) {
            return false;
        }
        int sum = 0;
        for (int n = 1; n <= 11; n++) {
            int p = digits.charAt(11 - n) - '0';
            int q = n <= 6 ? n + 1 : n - 5;
            sum += p * q;
        }
        int r = sum % 11;
        int check = r <= 1 ? 0 : 11 - r;
        return check == digits.charAt(11) - '0';
    }

    /** Corporate number (法人番号): 13 digits, the first a check digit: 9 - (sum of P_n * Q_n mod 9), Q_n 1 or 2. */
    public static boolean corporateNumber(String digits) {
        if (digits.length() != 13) {
            return false;
        }
        int sum = 0;
        for (int n = 1; n <= 12; n++) {
            int p = digits.charAt(13 - n) - '0';
            sum += p * (n % 2 == 1 ? 1 : 2);
        }
        return 9 - sum % 9 == digits.charAt(0) - '0';
    }

    /** Payment card numbers: 13 to 19 digits passing the Luhn check. */
    public static boolean luhn(String digits) {
        if (digits.length() < 13 || digits.length() > 19) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < digits.length(); i++) {
            int d = digits.charAt(digits.length() - 1 - i) - '0';
            if (i % 2 == 1) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
        }
        return sum % 10 == 0;
    }

    /** An IPv4 address outside the private, loopback, link-local, shared, multicast and reserved ranges. */
    public static boolean publicIpv4(String dotted) {
        String[] parts = dotted.split("\\.");
        if (parts.length != 4) {
            return false;
        }
        int[] o = new int[4];
        for (int i = 0; i < 4; i++) {
            if (parts[i].isEmpty() || parts[i].length() > 3 || (parts[i].length() > 1 && parts[i].startsWith("0"))) {
                return false;
            }
            o[i] = Integer.parseInt(parts[i]);
            if (o[i] > 255) {
                return false;
            }
        }
        return !(o[0] == 0 || o[0] == 10 || o[0] == 127 || o[0] >= 224 || (o[0] == 169 && o[1] == 254)
                || (o[0] == 172 && o[1] >= 16 && o[1] <= 31) || (o[0] == 192 && o[1] == 168)
                || (o[0] == 100 && o[1] >= 64 && o[1] <= 127) || (o[0] == 192 && o[1] == 0 && o[2] == 2)
                || (o[0] == 198 && o[1] == 51 && o[2] == 100) || (o[0] == 203 && o[1] == 0 && o[2] == 113));
    }

    /** A global unicast IPv6 literal (not loopback, link-local, unique-local, multicast or documentation). */
    public static boolean publicIpv6(String literal) {
        if (!literal.matches("[0-9A-Fa-f:]+") || literal.chars().filter(c -> c == ':').count() < 2) {
            return false;
        }
        try {
            // a literal of hex digits and colons only: parsed locally, never looked up
            InetAddress a = InetAddress.getByName(literal);
            if (!(a instanceof Inet6Address)) {
                return false;
            }
            byte[] b = a.getAddress();
            boolean documentation = (b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x01 && (b[2] & 0xff) == 0x0d
                    && (b[3] & 0xff) == 0xb8;
            return !(a.isLoopbackAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress() || a.isMulticastAddress()
                    || a.isAnyLocalAddress() || (b[0] & 0xfe) == 0xfc || documentation);
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
