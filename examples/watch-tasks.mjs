// Prints every change to your tasks as TaskFeed pushes it.
// npm install @stomp/stompjs ws ; TASKFEED_TOKEN=tf_... node watch-tasks.mjs
import { Client } from '@stomp/stompjs';
import WebSocket from 'ws';

const url = process.env.TASKFEED_URL ?? 'ws://localhost:8080/ws';
const client = new Client({
  webSocketFactory: () => new WebSocket(url, {
    headers: { Authorization: `Bearer ${process.env.TASKFEED_TOKEN}` },
  }),
  heartbeatIncoming: 10000,
  heartbeatOutgoing: 10000,
  reconnectDelay: 2000,
  onConnect: () => {
    client.subscribe('/user/queue/tasks', (frame) => {
      const { type, task } = JSON.parse(frame.body);
      console.log(type, task.id, task.title);
    });
    client.subscribe('/app/presence', (frame) => console.log('online', frame.body));
  },
  onStompError: (frame) => console.error('refused:', frame.headers.message),
});
client.activate();
