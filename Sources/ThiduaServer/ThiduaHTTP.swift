import Foundation
import Hummingbird
import Logging
import ServiceLifecycle
import ThiduaCore
import ThiduaStore

/// `thidua serve`: the JSON API, the review pages and their assets on one Hummingbird router.
public enum ThiduaHTTP {
    public static func router(_ state: ServerState) -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        router.addMiddleware {
            AccessLogMiddleware()
            ErrorMiddleware()
            SecurityHeadersMiddleware()
            AuthMiddleware(token: state.settings.token)
            CSRFMiddleware()
        }
        API.add(to: router, state: state)
        ReviewPage.add(to: router, state: state)
        LoginPage.add(to: router, token: state.settings.token)
        return router
    }

    public static func application(_ state: ServerState, logger: Logger) -> some ApplicationProtocol {
        Application(
            router: router(state),
            configuration: .init(address: .hostname(state.settings.host, port: state.settings.port), serverName: "thidua"),
            logger: logger)
    }

    /// Serves until SIGTERM or SIGINT, then lets requests in flight finish (swift-service-lifecycle's
    /// graceful shutdown) and stops the worker processes.
    public static func run(_ state: ServerState, logger: Logger) async throws {
        let app = application(state, logger: logger)
        let group = ServiceGroup(configuration: .init(
            services: [app], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        defer { state.shutdown() }
        try await group.run()
    }
}
