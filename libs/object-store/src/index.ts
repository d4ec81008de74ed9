export * from './object-store';
export { sha256Of } from './content-address';
export { FsObjectStore } from './fs-object-store';
export { S3ObjectStore, type S3Location } from './s3-object-store';
export { createObjectStore } from './create-object-store';
