import { Controller, Inject, Sse } from '@nestjs/common';
import type { MessageEvent } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Observable } from 'rxjs';
import { ScreenPopHub } from '@switchboard/channel-phone';
import { CurrentPrincipal } from '@switchboard/identity';
import type { Principal } from '@switchboard/identity/domain';

const HEARTBEAT_MS = 25_000;

/** The operator's live events (server-sent events): screen-pops of ringing calls. */
@ApiTags('me')
@ApiBearerAuth()
@Controller('me')
export class OperatorEventsController {
  constructor(@Inject(ScreenPopHub) private readonly pops: ScreenPopHub) {}

  @Sse('events')
  @ApiProduces('text/event-stream')
  @ApiOperation({ summary: 'Server-sent events for the operator: `ready` once subscribed, `screen-pop` when a customer\'s call rings (caller, client), `ping` to keep the stream open.' })
  events(@CurrentPrincipal() principal: Principal): Observable<MessageEvent> {
    return new Observable<MessageEvent>((subscriber) => {
      const unsubscribe = this.pops.subscribe(
        {
          userId: principal.userId,
          username: principal.username,
          takesCalls: principal.roles.includes('HelpDeskUser') || principal.roles.includes('HelpDeskManager'),
          deliver: (pop) => subscriber.next({ type: 'screen-pop', id: pop.callId, data: pop }),
        },
        () => subscriber.complete(),
      );
      subscriber.next({ type: 'ready', data: { userId: principal.userId } });
      const heartbeat = setInterval(() => subscriber.next({ type: 'ping', data: '' }), HEARTBEAT_MS);
      return () => {
        clearInterval(heartbeat);
        unsubscribe();
      };
    });
  }
}
