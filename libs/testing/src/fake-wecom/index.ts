export * from './fake-clock';
export * from './fake-finance-sdk';
export * from './fake-wecom-org';
export * from './fake-wecom-server';
export * from './native-finance-sdk-stub';
export * from './simulation-loaders';
