export * from './wait-for';
export * from './otlp-receiver';
export * from './chatvault-process';
export * from './free-port';
export * from './test-database';
export * from './fake-wecom';
export * from './chat-message-fixture';
export * from './real-stack-env';
