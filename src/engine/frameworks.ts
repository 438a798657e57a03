/** Names of the frameworks whose registrations, guards and strategies the call graph recognises. */

export const HTTP_VERBS = new Set(['get', 'post', 'put', 'patch', 'delete', 'del', 'options', 'head', 'all']);
export const NEST_HTTP_DECORATORS = new Set([
  'Get',
  'Post',
  'Put',
  'Patch',
  'Delete',
  'All',
  'Options',
  'Head',
  'Search',
]);
/** Nest decorators that configure routing, validation or docs, never guards: not worth resolving. */
export const NEST_OWN_DECORATORS = new Set([
  ...NEST_HTTP_DECORATORS,
  'Controller',
  'UseGuards',
  'UseInterceptors',
  'UsePipes',
  'UseFilters',
  'HttpCode',
  'Header',
  'Redirect',
  'Render',
  'Version',
  'SetMetadata',
  'Injectable',
  'Body',
  'Param',
  'Query',
  'Req',
  'Res',
  'Headers',
  'Ip',
  'Inject',
  'WebSocketGateway',
  'SubscribeMessage',
  'MessageBody',
  'ConnectedSocket',
  'ApiTags',
  'ApiOperation',
  'ApiResponse',
  'ApiOkResponse',
  'ApiBearerAuth',
  'SerializeOptions',
]);
/** Modules whose default export or named factory makes an HTTP app or router. */
export const HTTP_FRAMEWORKS = new Set([
  'express',
  'koa',
  '@koa/router',
  'koa-router',
  'fastify',
  'hono',
  'restify',
  'polka',
  'connect',
  'router',
  '@hono/node-server',
]);
export const WS_MODULES = new Set([
  'ws',
  'socket.io',
  '@nestjs/websockets',
  '@nestjs/platform-socket.io',
  '@nestjs/platform-ws',
  'uWebSockets.js',
]);
export const NODE_HTTP = new Set(['http', 'https', 'http2', 'node:http', 'node:https', 'node:http2']);
export const APP_LIKE =
  /^(app|application|server|api|router|routes|route|fastify|instance|koa|hono|[a-z][A-Za-z0-9]*(Router|App|Routes|Server|Api))$/;
export const WS_LIKE =
  /^(wss|ws|io|socketServer|webSocketServer|wsServer|websocketServer|socketio|socketIo|nsp|namespace|server|[a-z][A-Za-z0-9]*(Wss|Io|SocketServer|Gateway))$/;
export const PASSPORT_DEFAULT_NAMES: Record<string, string> = {
  'passport-jwt': 'jwt',
  'passport-local': 'local',
  'passport-anonymous': 'anonymous',
  'passport-http-bearer': 'bearer',
  'passport-headerapikey': 'headerapikey',
  'passport-custom': 'custom',
};
