// waymark-server: the backend of waymark. Verified milestones, identity, a durable job queue and the admin API.
export { createServer } from './createServer';
export { signUserToken } from './identity/signUserToken';
export { ConfigError } from './config/ConfigError';
export { verifyWebhook, WebhookVerificationError } from './webhooks/verifyWebhook';
export { listDeliveries } from './webhooks/listDeliveries';
export { listEndpoints } from './webhooks/listEndpoints';

export type { WaymarkServer } from './createServer';
export type { UserTokenClaims } from './identity/signUserToken';
export type { ConfigIssue } from './config/ConfigError';
export type { Consumer, Notification, NotificationType } from './notify/createNotifier';
export type { Definitions, EmailConfig, IdentityMode, ProjectConfig, RateLimitConfig, ServerConfig } from './config/types';
export type { WebhookConfig } from './webhooks/readWebhooks';
export type { WebhookDeliveryConfig } from './webhooks/readWebhookDelivery';
export type { WebhookPayload } from './webhooks/webhookPayload';
export type { AttemptView, DeliveryFilter, DeliveryStatus, DeliveryView } from './webhooks/listDeliveries';
export type { EndpointView } from './webhooks/listEndpoints';
export type { TriggerConfig, TriggerWhen } from './triggers/readTriggers';
