/**
 * The `webhook` job's key: the endpoint and the delivery (`ep_0123456789abcdef:42`), so a worker can tell that an
 * endpoint already has its share of the lane before it reads anything from the database.
 *
 * @example
 * jobKey('ep_0123456789abcdef', 42); // 'ep_0123456789abcdef:42'
 * readJobKey('ep_0123456789abcdef:42'); // { endpointId: 'ep_0123456789abcdef', deliveryId: '42' }
 */
export const jobKey = (endpointId: string, deliveryId: string | number) => `${endpointId}:${deliveryId}`;

/** The endpoint and delivery of a `webhook` job's key. */
export const readJobKey = (key: string) => {
  const at = key.lastIndexOf(':');
  return { endpointId: key.slice(0, at), deliveryId: key.slice(at + 1) };
};
