package dev.taskfeed.export.api;

import java.io.IOException;

import dev.taskfeed.common.DomainException;
import dev.taskfeed.export.ExportDocument;
import dev.taskfeed.export.ExportService;
import dev.taskfeed.user.TaskFeedPrincipal;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/export")
@Tag(name = "Export", description = "Everything the caller owns, to keep or to take elsewhere")
class ExportController {

	private static final MediaType CSV = new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8);

	private final ExportService export;

	ExportController(ExportService export) {
		this.export = export;
	}

	@GetMapping
	@Operation(summary = "Download your data",
			description = "`format=json` (default): one document with your account, categories, live tasks and "
					+ "trash, without any password hash or token secret. `format=csv`: one row per task (live and "
					+ "in the trash, with `deletedAt`), UTF-8 with a byte order mark, categories joined with `; `, "
					+ "and cells that a spreadsheet would run as a formula prefixed with `'`. Both are streamed.")
	@ApiResponse(responseCode = "200", description = "The export, as an attachment", content = {
			@Content(mediaType = "application/json", schema = @Schema(implementation = ExportDocument.class)),
			@Content(mediaType = "text/csv", schema = @Schema(type = "string"),
					examples = @io.swagger.v3.oas.annotations.media.ExampleObject(name = "tasks",
							value = "id,title,description,status,dueDate,categories,createdAt,updatedAt,deletedAt\r\n"
									+ "1,Comprar pan,,TODO,2026-12-01,Casa; Work,2026-11-20T09:30:00Z,"
									+ "2026-11-20T09:30:00Z,\r\n")) })
	void export(@AuthenticationPrincipal TaskFeedPrincipal me,
			@Parameter(description = "`json` (everything) or `csv` (tasks)",
					schema = @Schema(allowableValues = { "json", "csv" }, defaultValue = "json"),
					example = "json") @RequestParam(defaultValue = "json") String format,
			HttpServletResponse response) throws IOException {
		boolean csv = switch (format) {
			case "json" -> false;
			case "csv" -> true;
			default -> throw DomainException.invalidField("format", "must be json or csv");
		};
		String filename = csv ? "taskfeed-tasks.csv" : "taskfeed-export.json";
		response.setContentType(csv ? CSV.toString() : MediaType.APPLICATION_JSON_VALUE);
		response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
				ContentDisposition.attachment().filename(filename).build().toString());
		if (csv) {
			this.export.writeCsv(me.id(), response.getOutputStream());
		}
		else {
			this.export.writeJson(me.id(), response.getOutputStream());
		}
	}

}
