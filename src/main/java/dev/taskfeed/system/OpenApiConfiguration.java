package dev.taskfeed.system;

import java.util.Arrays;
import java.util.List;

import dev.taskfeed.common.TextLength;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.customizers.PropertyCustomizer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.bind.annotation.RequestBody;

/**
 * The OpenAPI description at {@code /v3/api-docs}: both ways to authenticate, and the
 * problem+json answers every operation can give, so a Postman import is complete.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

	private static final String PROBLEM = "#/components/schemas/Problem";

	@Bean
	OpenAPI taskFeedOpenApi() {
		Schema<?> fieldError = new Schema<>().type("object")
			.addProperty("field", new Schema<>().type("string"))
			.addProperty("message", new Schema<>().type("string"));
		Schema<?> problem = new Schema<>().type("object")
			.description("RFC 9457 problem details")
			.addProperty("type", new Schema<>().type("string").format("uri"))
			.addProperty("title", new Schema<>().type("string"))
			.addProperty("status", new Schema<>().type("integer"))
			.addProperty("detail", new Schema<>().type("string"))
			.addProperty("instance", new Schema<>().type("string"))
			.addProperty("errors", new Schema<>().type("array").items(fieldError));
		return new OpenAPI().info(new Info().title("TaskFeed API")
			.version("1")
			.description("Tasks and categories of the signed-in user. Authenticate with HTTP Basic "
					+ "(email and password) or an API token (`Authorization: Bearer tf_...`, from POST /api/tokens)."))
			.components(new Components()
				.addSecuritySchemes("basicAuth", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic"))
				.addSecuritySchemes("bearerAuth",
						new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("API token"))
				.addSchemas("Problem", problem))
			.addSecurityItem(new SecurityRequirement().addList("basicAuth"))
			.addSecurityItem(new SecurityRequirement().addList("bearerAuth"));
	}

	/**
	 * A {@link TextLength} is described as {@code minLength}/{@code maxLength}, which
	 * JSON Schema counts in characters (code points) too.
	 */
	@Bean
	PropertyCustomizer textLengths() {
		return (property, type) -> {
			if (type.getCtxAnnotations() != null) {
				Arrays.stream(type.getCtxAnnotations())
					.filter(TextLength.class::isInstance)
					.map(TextLength.class::cast)
					.findFirst()
					.ifPresent((length) -> {
						if (length.min() > 0) {
							property.setMinLength(length.min());
						}
						property.setMaxLength(length.max());
					});
			}
			return property;
		};
	}

	@Bean
	OperationCustomizer problemResponses() {
		return (operation, handlerMethod) -> {
			boolean open = handlerMethod.getMethod().getName().equals("register");
			add(operation, "400", "Invalid input: malformed JSON, unknown property, wrong type or failed validation");
			if (!open) {
				add(operation, "401", "Not authenticated");
				add(operation, "404", "No such resource, or another user's");
			}
			boolean hasBody = Arrays.stream(handlerMethod.getMethodParameters())
				.anyMatch((parameter) -> parameter.hasParameterAnnotation(RequestBody.class));
			if (hasBody) {
				add(operation, "409", "Conflicts with stored data (a duplicate)");
				add(operation, "413", "Body over 1 MiB");
				add(operation, "415", "Body is not JSON");
			}
			if (List.of("update", "delete").contains(handlerMethod.getMethod().getName())
					&& handlerMethod.getBeanType().getSimpleName().equals("TaskController")) {
				add(operation, "412", "If-Match names a version that is no longer current");
			}
			return operation;
		};
	}

	private static void add(Operation operation, String status, String description) {
		if (operation.getResponses() == null || operation.getResponses().containsKey(status)) {
			return;
		}
		operation.getResponses()
			.addApiResponse(status,
					new ApiResponse().description(description)
						.content(new Content().addMediaType("application/problem+json",
								new MediaType().schema(new Schema<>().$ref(PROBLEM)))));
	}

}
