"""The leadership app's pages: leaders (own space, coach), activities, communities, aggregates."""
