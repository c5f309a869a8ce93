package dev.taskfeed.common;

import java.util.regex.Pattern;

/**
 * What a client sent, made fit for the log: shortened, control characters replaced, and a
 * calendar URL's secret (a credential: the URL is all a calendar app needs) left out.
 */
public final class LoggedText {

	private static final int MAX_LENGTH = 300;

	private static final Pattern CALENDAR_SECRET = Pattern.compile("(/calendar/)[^/?#]*");

	private LoggedText() {
	}

	/** A request's address, or what Tomcat could read of it (none: said so). */
	public static String address(String uri) {
		if (uri == null) {
			return "(unreadable address)";
		}
		return text(CALENDAR_SECRET.matcher(uri).replaceAll("$1(secret)"));
	}

	/** Any text a client chose, shortened, without control characters. */
	public static String text(String text) {
		String shortened = (text.length() > MAX_LENGTH) ? text.substring(0, MAX_LENGTH) + "..." : text;
		return shortened.replaceAll("\\p{Cntrl}", "?");
	}

}
