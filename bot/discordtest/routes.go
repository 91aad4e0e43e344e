package discordtest

import "strings"

// Routes the fake serves, as "METHOD /path/{param}" below the API version.
// Request.Route holds one of them; fault injection and OnRoute take them.
const (
	RouteGateway              = "GET /gateway"
	RouteGatewayBot           = "GET /gateway/bot"
	RouteCurrentUser          = "GET /users/@me"
	RouteCurrentApplication   = "GET /applications/@me"
	RouteGlobalCommands       = "GET /applications/{application_id}/commands"
	RouteGlobalCommandsPut    = "PUT /applications/{application_id}/commands"
	RouteGuildCommands        = "GET /applications/{application_id}/guilds/{guild_id}/commands"
	RouteGuildCommandsPut     = "PUT /applications/{application_id}/guilds/{guild_id}/commands"
	RouteInteractionCallback  = "POST /interactions/{interaction_id}/{interaction_token}/callback"
	RouteOriginalGet          = "GET /webhooks/{application_id}/{interaction_token}/messages/@original"
	RouteOriginalEdit         = "PATCH /webhooks/{application_id}/{interaction_token}/messages/@original"
	RouteOriginalDelete       = "DELETE /webhooks/{application_id}/{interaction_token}/messages/@original"
	RouteFollowup             = "POST /webhooks/{application_id}/{interaction_token}"
	RouteFollowupGet          = "GET /webhooks/{application_id}/{interaction_token}/messages/{message_id}"
	RouteFollowupEdit         = "PATCH /webhooks/{application_id}/{interaction_token}/messages/{message_id}"
	RouteFollowupDelete       = "DELETE /webhooks/{application_id}/{interaction_token}/messages/{message_id}"
	RouteChannel              = "GET /channels/{channel_id}"
	RouteChannelMessages      = "GET /channels/{channel_id}/messages"
	RouteChannelMessageCreate = "POST /channels/{channel_id}/messages"
	RouteChannelMessageGet    = "GET /channels/{channel_id}/messages/{message_id}"
	RouteChannelMessageEdit   = "PATCH /channels/{channel_id}/messages/{message_id}"
	RouteChannelMessageDelete = "DELETE /channels/{channel_id}/messages/{message_id}"
	RouteTyping               = "POST /channels/{channel_id}/typing"
	RouteThreadCreate         = "POST /channels/{channel_id}/threads"
	RouteUser                 = "GET /users/{user_id}"
	RouteGuild                = "GET /guilds/{guild_id}"
	RouteGuildChannels        = "GET /guilds/{guild_id}/channels"
)

type route struct {
	name   string
	method string
	segs   []string
	handle func(*Server, *call) reply
}

// routes is ordered so literal segments win over parameters
// ("@original" before "{message_id}").
var routes = []route{
	mkRoute(RouteGateway, (*Server).handleGateway),
	mkRoute(RouteGatewayBot, (*Server).handleGatewayBot),
	mkRoute(RouteCurrentUser, (*Server).handleCurrentUser),
	mkRoute(RouteUser, (*Server).handleUser),
	mkRoute(RouteCurrentApplication, (*Server).handleCurrentApplication),
	mkRoute(RouteGlobalCommands, (*Server).handleCommandsGet),
	mkRoute(RouteGlobalCommandsPut, (*Server).handleCommandsPut),
	mkRoute(RouteGuildCommands, (*Server).handleCommandsGet),
	mkRoute(RouteGuildCommandsPut, (*Server).handleCommandsPut),
	mkRoute(RouteInteractionCallback, (*Server).handleCallback),
	mkRoute(RouteOriginalGet, (*Server).handleWebhookMessageGet),
	mkRoute(RouteOriginalEdit, (*Server).handleWebhookMessageEdit),
	mkRoute(RouteOriginalDelete, (*Server).handleWebhookMessageDelete),
	mkRoute(RouteFollowup, (*Server).handleFollowup),
	mkRoute(RouteFollowupGet, (*Server).handleWebhookMessageGet),
	mkRoute(RouteFollowupEdit, (*Server).handleWebhookMessageEdit),
	mkRoute(RouteFollowupDelete, (*Server).handleWebhookMessageDelete),
	mkRoute(RouteChannel, (*Server).handleChannelGet),
	mkRoute(RouteChannelMessages, (*Server).handleChannelMessages),
	mkRoute(RouteChannelMessageCreate, (*Server).handleMessageCreate),
	mkRoute(RouteChannelMessageGet, (*Server).handleChannelMessageGet),
	mkRoute(RouteChannelMessageEdit, (*Server).handleChannelMessageEdit),
	mkRoute(RouteChannelMessageDelete, (*Server).handleChannelMessageDelete),
	mkRoute(RouteTyping, (*Server).handleTyping),
	mkRoute(RouteThreadCreate, (*Server).handleThreadCreate),
	mkRoute(RouteGuild, (*Server).handleGuildGet),
	mkRoute(RouteGuildChannels, (*Server).handleGuildChannels),
}

func mkRoute(name string, h func(*Server, *call) reply) route {
	method, path, _ := strings.Cut(name, " ")
	return route{name: name, method: method, segs: strings.Split(strings.Trim(path, "/"), "/"), handle: h}
}

// matchRoute finds the route for a path below the API version. The path is
// matched on its escaped form so a token containing "%2F" stays one segment.
func matchRoute(method, escapedPath string) (*route, map[string]string) {
	segs := strings.Split(strings.Trim(escapedPath, "/"), "/")
	for i := range routes {
		r := &routes[i]
		if r.method != method || len(r.segs) != len(segs) {
			continue
		}
		params := map[string]string{}
		ok := true
		for j, want := range r.segs {
			got := unescapeSegment(segs[j])
			if strings.HasPrefix(want, "{") {
				if got == "" {
					ok = false
					break
				}
				params[strings.Trim(want, "{}")] = got
				continue
			}
			if got != want {
				ok = false
				break
			}
		}
		if ok {
			return r, params
		}
	}
	return nil, nil
}
