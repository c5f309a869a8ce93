package dev.taskfeed.user.api;

import java.net.URI;

import dev.taskfeed.common.TextLength;
import dev.taskfeed.common.Utf8Size;
import dev.taskfeed.user.TaskFeedPrincipal;
import dev.taskfeed.user.UserService;
import dev.taskfeed.user.UserView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/users")
@Tag(name = "Users", description = "Registration and the signed-in user")
class UserController {

	private final UserService users;

	UserController(UserService users) {
		this.users = users;
	}

	@PostMapping
	@SecurityRequirements
	@Operation(summary = "Register", description = "Creates an account. No authentication needed. "
			+ "The password is 8 to 72 bytes (UTF-8) without control characters (NUL, tab, line breaks...); the "
			+ "email address is unique, ignoring case.")
	ResponseEntity<UserView> register(@Valid @RequestBody RegisterUserRequest request) {
		UserView user = this.users.register(request.email(), request.password(), request.displayName());
		return ResponseEntity.created(URI.create("/api/users/me")).body(user);
	}

	@GetMapping("/me")
	@Operation(summary = "The caller's account")
	UserView me(@AuthenticationPrincipal TaskFeedPrincipal me) {
		return this.users.get(me.id());
	}

	record RegisterUserRequest(@NotBlank @Email @TextLength(min = 1, max = 254) String email,
			@NotNull @Utf8Size(min = 8, max = 72) String password,
			@NotBlank @TextLength(min = 1, max = 80) String displayName) {

		@Override
		public String toString() {
			return "RegisterUserRequest[email=" + this.email + "]";
		}

	}

}
