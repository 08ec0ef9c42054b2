// waymark-server: the backend of waymark. Verified milestones, identity, a durable job queue and the admin API.

export type { ConfigIssue } from './config/ConfigError';
export { ConfigError } from './config/ConfigError';
export type {
  Definitions,
  EmailConfig,
  IdentityMode,
  ProjectConfig,
  RateLimitConfig,
  ServerConfig,
} from './config/types';
export type { WaymarkServer } from './createServer';
export { createServer } from './createServer';
export type { RouteEntry } from './http/collectRoutes';
export type { UserTokenClaims } from './identity/signUserToken';
export { signUserToken } from './identity/signUserToken';
export type { Consumer, Notification, NotificationType } from './notify/createNotifier';
export type { TriggerConfig, TriggerWhen } from './triggers/readTriggers';
export type { AttemptView, DeliveryFilter, DeliveryStatus, DeliveryView } from './webhooks/listDeliveries';
export { listDeliveries } from './webhooks/listDeliveries';
export type { EndpointView } from './webhooks/listEndpoints';
export { listEndpoints } from './webhooks/listEndpoints';
export type { WebhookDeliveryConfig } from './webhooks/readWebhookDelivery';
export type { WebhookConfig } from './webhooks/readWebhooks';
export { verifyWebhook, WebhookVerificationError } from './webhooks/verifyWebhook';
export type { WebhookPayload } from './webhooks/webhookPayload';
