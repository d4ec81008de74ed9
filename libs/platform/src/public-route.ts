import { SetMetadata } from '@nestjs/common';

/** Routes are authenticated unless marked public: forgetting a guard must not open a route. */
export const PUBLIC_ROUTE = 'chatvault:public-route';
export const PublicRoute = () => SetMetadata(PUBLIC_ROUTE, true);
