package dev.taskfeed.common;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * Reads every JSON string of a request as whole text: an escape of half a UTF-16
 * surrogate pair ({@code "\\ud800"}) without its other half is no character at all, and
 * PostgreSQL would store it as {@code ?}, so a string holding one is refused (400, naming
 * its property) wherever it comes, instead of being saved as something else.
 */
public class TextDeserializer extends StringDeserializer {

	@Override
	public String deserialize(JsonParser parser, DeserializationContext context) {
		String text = super.deserialize(parser, context);
		if (text != null && hasUnpairedSurrogate(text)) {
			throw new UnpairedSurrogateException(parser);
		}
		return text;
	}

	static boolean hasUnpairedSurrogate(String text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
				i++;
			}
			else if (Character.isSurrogate(c)) {
				return true;
			}
		}
		return false;
	}

	/** A JSON string that is not text; its path names the property. */
	static final class UnpairedSurrogateException extends MismatchedInputException {

		UnpairedSurrogateException(JsonParser parser) {
			super(parser, "A string holds an unpaired UTF-16 surrogate", String.class);
		}

	}

}
