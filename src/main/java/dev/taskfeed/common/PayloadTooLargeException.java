package dev.taskfeed.common;

import java.io.IOException;

/** A request body went past {@link RequestBodyLimitFilter#MAX_BYTES}. */
class PayloadTooLargeException extends IOException {

	static final String DETAIL = "The request body is larger than 1 MiB.";

	PayloadTooLargeException() {
		super(DETAIL);
	}

}
