package dev.taskfeed.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * HTTP/1.1 written by hand on a socket, for requests no well-behaved client would send:
 * broken percent-escapes, wildcard or malformed {@code Content-Type}s, bodies in the
 * wrong charset, odd methods. One request per connection ({@code Connection: close}).
 */
public final class RawHttp {

	private RawHttp() {
	}

	/** The answer's status, headers (lower-cased names) and body, as text. */
	public record Answer(int status, String head, String body) {

		public String header(String name) {
			for (String line : this.head.split("\r\n")) {
				int colon = line.indexOf(':');
				if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
					return line.substring(colon + 1).trim();
				}
			}
			return null;
		}

		public String contentType() {
			String type = header("Content-Type");
			return (type != null) ? type.toLowerCase(Locale.ROOT) : "";
		}

	}

	public static Answer send(int port, String method, String target, String[] headers, byte[] body)
			throws IOException {
		return send(port, "localhost:" + port, method, target, headers, body);
	}

	/** The same, naming another host in the {@code Host} header, as a forger would. */
	public static Answer send(int port, String host, String method, String target, String[] headers, byte[] body)
			throws IOException {
		StringBuilder head = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n");
		head.append("Host: ").append(host).append("\r\n");
		head.append("Connection: close\r\n");
		for (String header : headers) {
			head.append(header).append("\r\n");
		}
		if (body != null) {
			head.append("Content-Length: ").append(body.length).append("\r\n");
		}
		head.append("\r\n");
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
			socket.setSoTimeout(20_000);
			OutputStream out = socket.getOutputStream();
			out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
			if (body != null) {
				out.write(body);
			}
			out.flush();
			return read(socket.getInputStream());
		}
	}

	private static Answer read(InputStream in) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		byte[] buffer = new byte[8192];
		try {
			int read;
			while ((read = in.read(buffer)) != -1) {
				bytes.write(buffer, 0, read);
			}
		}
		catch (SocketTimeoutException ex) {
			// keep what came
		}
		catch (IOException ex) {
			if (bytes.size() == 0) {
				throw ex;
			}
		}
		String text = bytes.toString(StandardCharsets.ISO_8859_1);
		int end = text.indexOf("\r\n\r\n");
		String head = (end >= 0) ? text.substring(0, end) : text;
		String body = (end >= 0) ? text.substring(end + 4) : "";
		String[] statusLine = head.split("\r\n", 2)[0].split(" ");
		int status = (statusLine.length > 1) ? Integer.parseInt(statusLine[1]) : -1;
		return new Answer(status, head, body);
	}

}
