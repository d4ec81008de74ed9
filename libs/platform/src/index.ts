export * from './config';
export * from './logger';
export * from './metrics';
export * from './health';
export * from './domain-error';
export * from './tracing';
export * from './service-definition';
export * from './public-route';
