package dev.taskfeed.user.web;

import dev.taskfeed.common.DomainException;
import dev.taskfeed.common.TextLength;
import dev.taskfeed.common.Utf8Size;
import dev.taskfeed.user.TaskFeedPrincipal;
import dev.taskfeed.user.UserService;
import dev.taskfeed.web.Flash;
import dev.taskfeed.web.PageController;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.session.ChangeSessionIdAuthenticationStrategy;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Sign in (Spring Security handles the POST), register (signs the new user in), sign out.
 */
@PageController
class AuthPages {

	private final UserService users;

	private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();

	private final ChangeSessionIdAuthenticationStrategy sessionFixation = new ChangeSessionIdAuthenticationStrategy();

	AuthPages(UserService users) {
		this.users = users;
	}

	@GetMapping("/login")
	String login(Authentication authentication) {
		return (authentication != null && authentication.isAuthenticated()) ? "redirect:/tasks" : "login";
	}

	@GetMapping("/register")
	String registerForm(@ModelAttribute("form") RegisterForm form) {
		return "register";
	}

	@PostMapping("/register")
	String register(@Valid @ModelAttribute("form") RegisterForm form, BindingResult errors, Model model,
			HttpServletRequest request, HttpServletResponse response, RedirectAttributes redirect) {
		if (!errors.hasErrors()) {
			try {
				this.users.register(form.email(), form.password(), form.displayName());
			}
			catch (DomainException.Conflict ex) {
				errors.rejectValue("email", "register.emailTaken");
			}
			catch (DomainException.InvalidField ex) {
				// a field without a message of its own is named with the domain's words
				errors.rejectValue(ex.field(), "register.invalid." + ex.field(), ex.field() + " " + ex.reason());
			}
		}
		if (errors.hasErrors()) {
			// the password field comes back empty: Thymeleaf never writes a password back
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			return "register";
		}
		signIn(this.users.loadUserByUsername(form.email()), request, response);
		Flash.add(redirect, "flash.welcome", form.displayName().strip());
		return "redirect:/tasks";
	}

	private void signIn(TaskFeedPrincipal user, HttpServletRequest request, HttpServletResponse response) {
		Authentication authentication = UsernamePasswordAuthenticationToken.authenticated(user, null,
				user.getAuthorities());
		if (request.getSession(false) != null) {
			this.sessionFixation.onAuthentication(authentication, request, response);
		}
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(authentication);
		SecurityContextHolder.setContext(context);
		this.contexts.saveContext(context, request, response);
	}

	/** The registration form; a record binds through its constructor. */
	public record RegisterForm(@NotBlank @Email @TextLength(min = 1, max = 254) String email,
			@NotBlank @TextLength(min = 1, max = 80) String displayName,
			@NotNull @Utf8Size(min = 8, max = 72) String password) {

	}

}
