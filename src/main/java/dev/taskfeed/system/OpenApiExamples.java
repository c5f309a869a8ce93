package dev.taskfeed.system;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import static java.util.Map.entry;

/**
 * Examples for the whole API description, so a Postman or Swagger UI import starts from
 * requests that work: one story told everywhere (user 1 is Ana, category 1 "Casa", task 1
 * "Comprar pan"), from one table of values by parameter or property name
 * ({@code Schema.property} wins over {@code property}). Request and response bodies are
 * composed from their properties' examples. Also: creations answer 201 and empty answers
 * 204, as the controllers do, in JSON.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiExamples {

	private static final String NOW = "2026-11-20T09:30:00Z";

	static final Map<String, Object> VALUES = Map.ofEntries(
			// path, query and header parameters
			entry("id", 1), entry("categoryId", 1), entry("q", "pan"), entry("dueBefore", "2026-12-31"),
			entry("dueAfter", "2026-11-01"), entry("page", 0), entry("size", 20), entry("sort", "createdAt,desc"),
			entry("format", "json"), entry("If-Match", "\"0\""), entry("userId", 2), entry("projectId", 1),
			entry("assignee", "me"),
			// users and tokens
			entry("email", "ana@example.com"), entry("password", "correct horse"), entry("displayName", "Ana"),
			entry("CreateTokenRequest.name", "my laptop"), entry("ApiTokenView.name", "my laptop"),
			entry("token", "tf_q7ZbJ2vJ1rXJQ0w7m3o3c9mJ2c3Yt4b8q0m2k1x5d0E"),
			entry("lastUsedAt", "2026-11-21T07:00:00Z"),
			// categories and tasks
			entry("name", "Casa"), entry("color", "#1e90ff"), entry("title", "Comprar pan"),
			entry("description", "Integral, de la panadería de la esquina"), entry("status", "TODO"),
			entry("dueDate", "2026-12-01"), entry("categoryIds", List.of(1)), entry("createdAt", NOW),
			entry("updatedAt", NOW), entry("version", 0),
			// projects: 1 is Ana's personal project; Bea (user 2) edits with her
			entry("assigneeId", 1), entry("personal", true), entry("role", "OWNER"),
			entry("NewMemberRequest.role", "EDITOR"), entry("RoleRequest.role", "VIEWER"),
			entry("MemberView.role", "EDITOR"), entry("memberCount", 1), entry("since", NOW),
			entry("ProjectRequest.name", "Familia"), entry("ProjectView.name", "Personal"),
			entry("ProjectRef.name", "Personal"), entry("NewMemberRequest.email", "bea@example.com"),
			// comments
			entry("body", "¿Integral o blanco?"), entry("taskId", 1), entry("editedAt", "2026-11-20T10:01:00Z"),
			entry("commentCount", 2),
			// a page's metadata
			entry("number", 0), entry("totalElements", 1), entry("totalPages", 1),
			// problem details
			entry("Problem.type", "about:blank"), entry("Problem.title", "Not Found"), entry("Problem.status", 404),
			entry("Problem.detail", "No task with id 1."), entry("Problem.instance", "/api/tasks/1"),
			entry("field", "title"), entry("message", "must not be blank"));

	@Bean
	OperationCustomizer successStatuses() {
		return (operation, handlerMethod) -> {
			ApiResponses responses = operation.getResponses();
			if (responses == null || !responses.containsKey("200")) {
				return operation;
			}
			String name = handlerMethod.getMethod().getName();
			if (name.equals("create") || name.equals("register")) {
				responses.addApiResponse("201", responses.remove("200").description("Created"));
			}
			else if (returnsEmptyEntity(handlerMethod.getMethod().getGenericReturnType())) {
				responses.addApiResponse("204", responses.remove("200").description("No Content"));
			}
			return operation;
		};
	}

	@Bean
	OpenApiCustomizer examples() {
		return (openApi) -> {
			Map<String, Schema> schemas = (openApi.getComponents() != null
					&& openApi.getComponents().getSchemas() != null) ? openApi.getComponents().getSchemas() : Map.of();
			schemas.forEach((name, schema) -> fillProperties(name, schema));
			if (openApi.getPaths() == null) {
				return;
			}
			openApi.getPaths().forEach((path, item) -> item.readOperations().forEach((operation) -> {
				describe(operation, schemas);
			}));
		};
	}

	private static void describe(Operation operation, Map<String, Schema> schemas) {
		if (operation.getParameters() != null) {
			for (Parameter parameter : operation.getParameters()) {
				if (parameter.getExample() == null && parameter.getExamples() == null) {
					parameter.setExample(VALUES.get(parameter.getName()));
				}
			}
		}
		if (operation.getRequestBody() != null) {
			exampleBodies(operation.getRequestBody().getContent(), schemas);
		}
		if (operation.getResponses() != null) {
			operation.getResponses().forEach((status, response) -> {
				jsonNotAnything(response);
				if (status.startsWith("2")) {
					exampleBodies(response.getContent(), schemas);
				}
				else if (response.getContent() != null) {
					Map<String, Object> problem = new LinkedHashMap<>();
					problem.put("type", "about:blank");
					problem.put("title", HttpStatus.valueOf(Integer.parseInt(status)).getReasonPhrase());
					problem.put("status", Integer.parseInt(status));
					problem.put("detail", response.getDescription());
					response.getContent()
						.values()
						.stream()
						.filter((media) -> media.getExample() == null)
						.forEach((media) -> media.setExample(problem));
				}
			});
		}
	}

	/**
	 * springdoc's default for a handler without {@code produces} is any type; TaskFeed
	 * answers JSON.
	 */
	private static void jsonNotAnything(ApiResponse response) {
		Content content = response.getContent();
		if (content != null && content.containsKey("*/*")) {
			MediaType media = content.remove("*/*");
			content.addMediaType("application/json", media);
		}
	}

	private static void exampleBodies(Content content, Map<String, Schema> schemas) {
		if (content == null) {
			return;
		}
		content.values()
			.stream()
			.filter((media) -> media.getExample() == null && media.getExamples() == null && media.getSchema() != null)
			.forEach((media) -> media.setExample(exampleOf(media.getSchema(), schemas, 0)));
	}

	@SuppressWarnings("rawtypes")
	private static void fillProperties(String schemaName, Schema<?> schema) {
		Map<String, Schema> properties = schema.getProperties();
		if (properties == null) {
			return;
		}
		properties.forEach((property, propertySchema) -> {
			if (propertySchema.get$ref() != null || propertySchema.getExample() != null) {
				return;
			}
			if (propertySchema.getItems() != null && propertySchema.getItems().get$ref() == null
					&& propertySchema.getItems().getProperties() != null) {
				fillProperties(schemaName + "." + property, propertySchema.getItems());
				propertySchema.setExample(List.of(exampleOf(propertySchema.getItems(), Map.of(), 0)));
				return;
			}
			if (propertySchema.getItems() != null && propertySchema.getItems().get$ref() != null) {
				return;
			}
			Object value = VALUES.getOrDefault(schemaName + "." + property, VALUES.get(property));
			if (value != null) {
				propertySchema.setExample(value);
			}
		});
	}

	@SuppressWarnings({ "rawtypes", "unchecked" })
	private static Object exampleOf(Schema<?> schema, Map<String, Schema> schemas, int depth) {
		if (depth > 5) {
			return null;
		}
		if (schema.get$ref() != null) {
			Schema<?> target = schemas.get(schema.get$ref().substring(schema.get$ref().lastIndexOf('/') + 1));
			return (target != null) ? exampleOf(target, schemas, depth + 1) : null;
		}
		if (schema.getExample() != null) {
			return schema.getExample();
		}
		if (schema.getItems() != null) {
			Object item = exampleOf(schema.getItems(), schemas, depth + 1);
			return (item != null) ? List.of(item) : List.of();
		}
		if (schema.getProperties() != null) {
			Map<String, Object> example = new LinkedHashMap<>();
			((Map<String, Schema>) (Map) schema.getProperties()).forEach((name, property) -> {
				Object value = exampleOf(property, schemas, depth + 1);
				if (value != null) {
					example.put(name, value);
				}
			});
			return example;
		}
		return null;
	}

	private static boolean returnsEmptyEntity(Type type) {
		return type instanceof ParameterizedType parameterized && parameterized.getRawType() == ResponseEntity.class
				&& parameterized.getActualTypeArguments()[0] == Void.class;
	}

}
