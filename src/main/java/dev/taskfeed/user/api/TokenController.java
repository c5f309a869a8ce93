package dev.taskfeed.user.api;

import java.net.URI;
import java.util.List;

import dev.taskfeed.common.TextLength;
import dev.taskfeed.user.ApiTokenService;
import dev.taskfeed.user.ApiTokenView;
import dev.taskfeed.user.TaskFeedPrincipal;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/tokens")
@Tag(name = "API tokens", description = "Bearer tokens for scripts; the secret is shown once, at creation")
class TokenController {

	private final ApiTokenService tokens;

	TokenController(ApiTokenService tokens) {
		this.tokens = tokens;
	}

	@PostMapping
	@Operation(summary = "Create a token", description = "The answer's `token` is the only time the secret is "
			+ "shown; TaskFeed keeps only its SHA-256. Send it as `Authorization: Bearer <token>`.")
	ResponseEntity<ApiTokenView> create(@AuthenticationPrincipal TaskFeedPrincipal me,
			@Valid @RequestBody CreateTokenRequest request) {
		ApiTokenView token = this.tokens.create(me.id(), request.name());
		return ResponseEntity.created(URI.create("/api/tokens/" + token.id())).body(token);
	}

	@GetMapping
	@Operation(summary = "The caller's tokens, without their secrets")
	List<ApiTokenView> list(@AuthenticationPrincipal TaskFeedPrincipal me) {
		return this.tokens.list(me.id());
	}

	@DeleteMapping("/{id}")
	@Operation(summary = "Revoke a token",
			description = "The token stops working at once. Live feed connections opened with it are closed "
					+ "(1008): at once on the instance that revoked it, within 30 s on others.")
	ResponseEntity<Void> revoke(@AuthenticationPrincipal TaskFeedPrincipal me, @PathVariable long id) {
		this.tokens.revoke(me.id(), id);
		return ResponseEntity.noContent().build();
	}

	record CreateTokenRequest(@NotBlank @TextLength(min = 1, max = 100) String name) {
	}

}
