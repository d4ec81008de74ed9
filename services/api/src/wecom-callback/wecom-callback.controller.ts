import { Body, Controller, Get, Header, HttpCode, Param, Post, Query } from '@nestjs/common';
import { PublicRoute } from '@chatvault/platform';
import { WecomCallbackReceiver } from './wecom-callback-receiver';

/**
 * The URL given to WeCom as 接收事件服务器 URL, one per corp. Public to the API-key guard on purpose:
 * WeCom cannot send our keys, so every request is authenticated by the corp's msg_signature instead
 * and refused before anything is read when that fails.
 */
@Controller('api/v1/wecom/callback')
@PublicRoute()
export class WecomCallbackController {
  constructor(private readonly receiver: WecomCallbackReceiver) {}

  @Get(':corpId')
  @Header('Content-Type', 'text/plain; charset=utf-8')
  verify(@Param('corpId') corpId: string, @Query() query: unknown): string {
    return this.receiver.verifyUrl(corpId, query);
  }

  @Post(':corpId')
  @HttpCode(200)
  @Header('Content-Type', 'text/plain; charset=utf-8')
  receive(@Param('corpId') corpId: string, @Query() query: unknown, @Body() body: unknown): Promise<string> {
    return this.receiver.receive(corpId, query, body);
  }
}
