package dev.taskfeed.feed;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The live feed's AsyncAPI 3 description, public like {@code /v3/api-docs}. Served by a
 * handler rather than as a static file so it goes out as {@code application/yaml}.
 */
@Controller
class AsyncApiController {

	private static final Resource DOCUMENT = new ClassPathResource("asyncapi.yaml");

	@GetMapping(path = "/asyncapi.yaml", produces = "application/yaml")
	@ResponseBody
	Resource asyncApi() {
		return DOCUMENT;
	}

}
