package io.aihub.bench.internal;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A minimal blocking HTTP/1.1 keep-alive connection for the query and registry harnesses: it writes pre-encoded requests and reads
 * a response (Content-Length or chunked body). {@code java.net.http.HttpClient} hands every exchange between
 * threads and adds about a millisecond on this machine, which hides the server's own latency; this client costs
 * microseconds, like wrk.
 */
final class RawHttpConnection implements Closeable {

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);
    private boolean closing;

    RawHttpConnection(String host, int port) throws IOException {
        socket = new Socket(host, port);
        socket.setTcpNoDelay(true);
        in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
        out = socket.getOutputStream();
    }

    /** The bytes of a request (path and query of {@code uri}): {@code body} may be null for a GET. */
    static byte[] encode(String method, URI uri, byte[] body) {
        StringBuilder head = new StringBuilder(256).append(method).append(' ').append(uri.getRawPath());
        if (uri.getRawQuery() != null) {
            head.append('?').append(uri.getRawQuery());
        }
        head.append(" HTTP/1.1\r\nHost: ")
                .append(uri.getHost())
                .append(':')
                .append(uri.getPort())
                .append("\r\n");
        if (body != null) {
            head.append("Content-Type: application/json\r\nContent-Length: ")
                    .append(body.length)
                    .append("\r\n");
        }
        head.append("\r\n");
        byte[] headBytes = head.toString().getBytes(StandardCharsets.US_ASCII);
        if (body == null) {
            return headBytes;
        }
        byte[] all = new byte[headBytes.length + body.length];
        System.arraycopy(headBytes, 0, all, 0, headBytes.length);
        System.arraycopy(body, 0, all, headBytes.length, body.length);
        return all;
    }

    /** Sends {@code request} and reads the whole response; returns the status, the body into {@code body}. */
    int exchange(byte[] request, ByteArrayOutputStream body) throws IOException {
        out.write(request);
        out.flush();
        String status = readLine();
        if (!status.startsWith("HTTP/1.1 ") || status.length() < 12) {
            throw new IOException("not an HTTP/1.1 status line: " + status);
        }
        int code = Integer.parseInt(status.substring(9, 12));
        long length = -1;
        boolean chunked = false;
        for (String header = readLine(); !header.isEmpty(); header = readLine()) {
            String lower = header.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Long.parseLong(lower.substring(15).trim());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            } else if (lower.startsWith("connection:") && lower.contains("close")) {
                closing = true;
            }
        }
        body.reset();
        if (chunked) {
            for (int size = Integer.parseInt(readLine().trim(), 16);
                    size > 0;
                    size = Integer.parseInt(readLine().trim(), 16)) {
                copy(size, body);
                readLine();
            }
            readLine();
        } else if (length > 0) {
            copy(length, body);
        }
        return code;
    }

    /** Whether the server said it closes the connection after the last response. */
    boolean closing() {
        return closing;
    }

    private void copy(long count, ByteArrayOutputStream body) throws IOException {
        byte[] buffer = new byte[8192];
        long left = count;
        while (left > 0) {
            int read = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (read < 0) {
                throw new EOFException("connection closed inside a body");
            }
            body.write(buffer, 0, read);
            left -= read;
        }
    }

    private String readLine() throws IOException {
        line.reset();
        int previous = -1;
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed");
            }
            if (b == '\n' && previous == '\r') {
                byte[] bytes = line.toByteArray();
                return new String(bytes, 0, bytes.length - 1, StandardCharsets.US_ASCII);
            }
            line.write(b);
            previous = b;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
