export * from './cache';
export * from './create-cache';
export { MemoryCache, type MemoryCacheOptions } from './memory-cache';
export { RedisCache, type RedisCacheOptions } from './redis-cache';
