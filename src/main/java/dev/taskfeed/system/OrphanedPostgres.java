package dev.taskfeed.system;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An embedded PostgreSQL left running by an earlier TaskFeed that was killed (SIGKILL, a
 * crash, a closed terminal) still holds the data directory, and a new one cannot start on
 * it. This finds it by the data directory's {@code postmaster.pid}, asks it to shut down
 * (SIGTERM: PostgreSQL's "smart" shutdown, immediate since its only client died), and
 * waits for it, so the next start just works.
 */
final class OrphanedPostgres {

	private static final Logger logger = LoggerFactory.getLogger(OrphanedPostgres.class);

	private static final Duration GRACE = Duration.ofSeconds(20);

	private OrphanedPostgres() {
	}

	static void stopIfRunning(Path dataDirectory) {
		if (ownerIsAlive(dataDirectory)) {
			// a TaskFeed that is running now holds the directory:
			// its database is not an orphan
			throw new DataDirectoryInUseException(dataDirectory);
		}
		Optional<ProcessHandle> orphan = postmasterOf(dataDirectory);
		if (orphan.isEmpty()) {
			return;
		}
		ProcessHandle process = orphan.get();
		process.destroy();
		boolean stopped = awaitExit(process, GRACE);
		if (!stopped) {
			process.destroyForcibly();
			stopped = awaitExit(process, Duration.ofSeconds(5));
		}
		logger.warn(
				"Stopped the embedded PostgreSQL (pid {}) that an earlier TaskFeed left running on {}{}; "
						+ "starting it again",
				process.pid(), dataDirectory, stopped ? "" : " (it did not exit in time)");
	}

	/**
	 * Whether a live process holds the data directory's lock file: the embedded
	 * PostgreSQL library locks it for as long as the TaskFeed that started the database
	 * runs, and the operating system releases it when that process dies, however it dies.
	 */
	static boolean ownerIsAlive(Path dataDirectory) {
		Path lockFile = dataDirectory.resolve("epg-lock");
		if (!Files.isRegularFile(lockFile)) {
			return false;
		}
		try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
			FileLock lock = channel.tryLock();
			if (lock == null) {
				return true;
			}
			lock.release();
			return false;
		}
		catch (OverlappingFileLockException ex) {
			return true;
		}
		catch (IOException ex) {
			// cannot tell: do not touch a database that may be in use
			return true;
		}
	}

	/**
	 * Another TaskFeed, running now, uses this data directory: this one must not start on
	 * it.
	 */
	static final class DataDirectoryInUseException extends IllegalStateException {

		private final Path directory;

		DataDirectoryInUseException(Path directory) {
			super("Another TaskFeed is running with its embedded PostgreSQL in " + directory + ".");
			this.directory = directory;
		}

		Path directory() {
			return this.directory;
		}

	}

	/** The live PostgreSQL server that owns this data directory, if there is one. */
	static Optional<ProcessHandle> postmasterOf(Path dataDirectory) {
		Path pidFile = dataDirectory.resolve("postmaster.pid");
		if (!Files.isRegularFile(pidFile)) {
			return Optional.empty();
		}
		try {
			List<String> lines = Files.readAllLines(pidFile);
			if (lines.isEmpty()) {
				return Optional.empty();
			}
			long pid = Long.parseLong(lines.get(0).strip());
			return ProcessHandle.of(pid)
				.filter(ProcessHandle::isAlive)
				.filter((process) -> isPostgresOn(process, dataDirectory));
		}
		catch (IOException | NumberFormatException ex) {
			// unreadable or half-written:
			// PostgreSQL judges the file itself when it starts
			return Optional.empty();
		}
	}

	/**
	 * A PostgreSQL server, and (where the system tells) on this data directory: not a
	 * recycled pid.
	 */
	private static boolean isPostgresOn(ProcessHandle process, Path dataDirectory) {
		ProcessHandle.Info info = process.info();
		boolean postgres = info.command()
			.map((command) -> Path.of(command).getFileName().toString().startsWith("postgres"))
			.orElse(false);
		return postgres && info.commandLine().map((line) -> line.contains(dataDirectory.toString())).orElse(true);
	}

	private static boolean awaitExit(ProcessHandle process, Duration timeout) {
		CompletableFuture<ProcessHandle> exit = process.onExit();
		try {
			exit.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
			return true;
		}
		catch (TimeoutException | ExecutionException ex) {
			return !process.isAlive();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return !process.isAlive();
		}
	}

}
