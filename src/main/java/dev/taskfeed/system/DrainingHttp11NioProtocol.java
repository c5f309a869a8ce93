package dev.taskfeed.system;

import java.io.IOException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;

import org.apache.coyote.http11.Http11NioProtocol;
import org.apache.tomcat.util.net.Acceptor.AcceptorState;
import org.apache.tomcat.util.net.NioEndpoint;

/**
 * Tomcat's HTTP/1.1 NIO connector whose graceful close of the listening socket (the first
 * step of a SIGTERM, see {@link GracefulDrain}) resets no connection the kernel has
 * already accepted (see {@link DrainingEndpoint}). Public with a no-argument constructor,
 * as Tomcat creates its protocol handler from a class name.
 */
public class DrainingHttp11NioProtocol extends Http11NioProtocol {

	public DrainingHttp11NioProtocol() {
		super(new DrainingEndpoint());
	}

	/**
	 * Tomcat's graceful close loses established connections in two places: its acceptor
	 * closes unread a connection it accepts once the close has begun, and closing the
	 * listening socket makes the kernel reset every connection still waiting in the
	 * backlog; either way a client that connected in time gets a reset instead of an
	 * answer. This endpoint serves both: what the acceptor takes then goes to the poller
	 * like any other connection, and before the listening socket closes the backlog is
	 * accepted until it is empty, so only a handshake completing in the microseconds
	 * between the last accept and the close can still be reset. A hard stop (the endpoint
	 * paused first) still closes them all.
	 */
	static class DrainingEndpoint extends NioEndpoint {

		/**
		 * A flood of new connections does not hold the close up for longer than this.
		 */
		private static final long MAX_BACKLOG_DRAIN_NANOS = TimeUnit.SECONDS.toNanos(1);

		// setSocketOptions destroys a socket it fails to set up:
		// that one must not come back
		private final ThreadLocal<Boolean> settingUp = ThreadLocal.withInitial(() -> false);

		@Override
		protected boolean setSocketOptions(SocketChannel socket) {
			this.settingUp.set(true);
			try {
				return super.setSocketOptions(socket);
			}
			finally {
				this.settingUp.set(false);
			}
		}

		/**
		 * Running and not paused, the acceptor destroys a socket only because a graceful
		 * close stopped it: serve that one.
		 */
		@Override
		protected void destroySocket(SocketChannel socket) {
			if (isRunning() && !isPaused() && !this.settingUp.get()) {
				serve(socket);
			}
			else {
				super.destroySocket(socket);
			}
		}

		@Override
		protected void doCloseServerSocket() throws IOException {
			if (getBindState() == BindState.SOCKET_CLOSED_ON_STOP && isRunning() && !isPaused()) {
				acceptBacklog();
			}
			super.doCloseServerSocket();
		}

		/**
		 * Accepts, without blocking, every connection waiting in the backlog and hands it
		 * to the poller; the listening socket closes right after.
		 */
		private void acceptBacklog() {
			// an acceptor still blocked in accept() would hold the channel's lock:
			// only closing it can wake that one
			if (this.acceptor == null || this.acceptor.getState() != AcceptorState.ENDED || getUseInheritedChannel()
					|| !(getServerSocket() instanceof ServerSocketChannel server)) {
				return;
			}
			long deadline = System.nanoTime() + MAX_BACKLOG_DRAIN_NANOS;
			try {
				server.configureBlocking(false);
				SocketChannel socket;
				while ((socket = server.accept()) != null) {
					serve(socket);
					if (System.nanoTime() - deadline > 0) {
						return;
					}
				}
			}
			catch (IOException ex) {
				getLog().warn("Could not accept the connections waiting on " + getName(), ex);
			}
		}

		private void serve(SocketChannel socket) {
			if (!setSocketOptions(socket)) {
				closeSocket(socket);
			}
		}

	}

}
